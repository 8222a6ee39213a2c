namespace ParallelAgents.Engine.Scheduling;

/// <summary>What the scheduler tells a waiting job's coordinator after a change elsewhere.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Position">Its new place in the queue; null when nothing of it waits.</param>
/// <param name="Offered">Slots were set aside for it: it should ask for them.</param>
public sealed record AdmissionNotice(string JobId, int? Position, bool Offered);
