using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Runs;

/// <summary>One job of a run as the run shows it.</summary>
/// <param name="JobId">The job's id; /api/jobs/{id} shows it whole.</param>
/// <param name="Command">The command it runs.</param>
/// <param name="Status">The job's status.</param>
/// <param name="Percent">The job's progress, 0–100.</param>
/// <param name="ItemsDone">Work items finished.</param>
/// <param name="ItemsTotal">Work items planned.</param>
/// <param name="Error">Why the job failed, when it did.</param>
public sealed record RunJobSnapshot(string JobId, string Command, JobStatus Status, double Percent, int ItemsDone, int ItemsTotal, string? Error);
