using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Grains.Jobs;

/// <summary>A job's aggregation: the command's section, the results it came from, and how it went.</summary>
/// <param name="Section">The command's report section, assessment findings first.</param>
/// <param name="Read">The results as read from the ledgers.</param>
/// <param name="ItemErrors">Results that carry an error.</param>
/// <param name="Error">Why the aggregation failed, if it did.</param>
/// <param name="Milliseconds">How long it took.</param>
public sealed record JobAggregate(ReportSection Section, JobResults Read, int ItemErrors, string? Error, double Milliseconds);
