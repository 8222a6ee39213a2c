using System.ComponentModel;

namespace ParallelAgents.Commands.Agent;

/// <summary>One problem an agent reports.</summary>
public sealed class AgentAnswerFinding
{
    /// <summary>Workspace-relative path, exactly as given in the file's header.</summary>
    [Description("Workspace-relative path of the file, exactly as in its <file path=...> header.")]
    public string? File { get; set; }

    /// <summary>First line concerned.</summary>
    [Description("1-based line number of the first line concerned, as numbered in the file.")]
    public int? Line { get; set; }

    /// <summary>Last line concerned.</summary>
    [Description("1-based line number of the last line concerned.")]
    public int? EndLine { get; set; }

    /// <summary>critical, high, medium, low or info.</summary>
    [Description("One of: critical, high, medium, low, info.")]
    public string? Severity { get; set; }

    /// <summary>A short stable identifier for the kind of problem.</summary>
    [Description("A short kebab-case identifier of the kind of problem, such as sql-injection.")]
    public string? RuleId { get; set; }

    /// <summary>A title.</summary>
    [Description("A title of a few words.")]
    public string? Title { get; set; }

    /// <summary>What is wrong and why it matters.</summary>
    [Description("What is wrong and why it matters.")]
    public string? Message { get; set; }

    /// <summary>The change to make.</summary>
    [Description("The change to make.")]
    public string? SuggestedFix { get; set; }
}
