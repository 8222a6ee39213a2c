namespace ParallelAgents.Abstractions;

/// <summary>One problem or observation reported by a command.</summary>
/// <param name="RuleId">Stable rule id, e.g. <c>CC001</c>.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">What is wrong and what to change.</param>
/// <param name="File">Workspace-relative path with forward slashes, when the finding is about a file.</param>
/// <param name="Line">1-based line, when known.</param>
/// <param name="Fingerprint">Stable identity used for deduplication; computed from the other fields when empty.</param>
/// <param name="Properties">Extra command-specific values (fix version, test name...).</param>
[GenerateSerializer, Immutable, Alias("pa.Finding")]
public sealed record Finding(
    string RuleId,
    Severity Severity,
    string Message,
    string? File = null,
    int? Line = null,
    string? Fingerprint = null,
    IReadOnlyDictionary<string, string>? Properties = null);
