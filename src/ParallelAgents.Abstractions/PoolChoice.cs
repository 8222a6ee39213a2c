namespace ParallelAgents.Abstractions;

/// <summary>Why a job's pool has its size: the makespan predicted from the command's history, against what it took.</summary>
/// <param name="Instances">Instances chosen.</param>
/// <param name="PredictedMakespanMs">Predicted time from the first dispatch to the last segment's end.</param>
/// <param name="Reason">One sentence for the report: the candidates compared and the overhead learned.</param>
/// <param name="CostsFromHistory">Share of the items (0–1) whose cost came from observed durations rather than the assessment.</param>
[GenerateSerializer, Immutable, Alias("pa.PoolChoice")]
public sealed record PoolChoice(int Instances, double PredictedMakespanMs, string Reason, double CostsFromHistory)
{
    /// <summary>The measured makespan once the job has run every segment; null before.</summary>
    [Id(0)]
    public double? ActualMakespanMs { get; init; }
}
