namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>A severity entry: type (CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu) and score (usually a vector).</summary>
/// <param name="Type">Severity type.</param>
/// <param name="Score">Vector or score text.</param>
public sealed record OsvSeverity(string Type, string Score);
