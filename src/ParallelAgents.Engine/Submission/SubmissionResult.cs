using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Submission;

/// <summary>A read submission: the spec to run, or the errors keyed by the field they are about.</summary>
/// <param name="Spec">The job to run; null when the request was refused.</param>
/// <param name="Errors">Messages by field (<c>command</c>, <c>workspace.path</c>, <c>options.items</c>...); empty when accepted.</param>
public sealed record SubmissionResult(JobSpec? Spec, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>One line naming the refused fields, e.g. "Invalid field(s): command, options.items.".</summary>
    public string Summary => "Invalid field(s): " + string.Join(", ", Errors.Keys) + ".";
}
