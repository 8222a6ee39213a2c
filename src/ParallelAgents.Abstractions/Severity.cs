namespace ParallelAgents.Abstractions;

/// <summary>Severity of a finding, lowest first so that values compare in order.</summary>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
