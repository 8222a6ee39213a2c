using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Submission;

/// <summary>A read run request: one job spec per requested job, or the errors keyed by the field they are about.</summary>
/// <param name="Jobs">The jobs in request order, all on the same workspace with the same priority; null when refused.</param>
/// <param name="Errors">Messages by field (<c>jobs</c>, <c>jobs[1].command</c>, <c>jobs[0].options.x</c>, <c>workspace.path</c>, <c>priority</c>...).</param>
public sealed record RunSubmissionResult(IReadOnlyList<JobSpec>? Jobs, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>One line naming the refused fields.</summary>
    public string Summary => "Invalid field(s): " + string.Join(", ", Errors.Keys) + ".";
}
