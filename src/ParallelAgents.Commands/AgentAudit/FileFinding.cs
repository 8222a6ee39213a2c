using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>Builds findings from rule descriptors.</summary>
internal static class FileFinding
{
    /// <summary>A finding of <paramref name="rule"/> at its default severity.</summary>
    public static Finding Of(RuleDescriptor rule, string message, string file, int line) =>
        new(rule.Id, rule.DefaultSeverity, message, file, Math.Max(1, line));
}
