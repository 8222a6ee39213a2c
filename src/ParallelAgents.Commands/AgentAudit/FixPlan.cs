namespace ParallelAgents.Commands.AgentAudit;

/// <summary>The safe fixes the checks found applicable to one file.</summary>
internal sealed class FixPlan
{
    /// <summary>New value for <c>name</c> (the file stem or skill directory).</summary>
    public string? NewName { get; set; }

    /// <summary>Rewrite <c>tools</c> as one normalised comma-separated string.</summary>
    public string? NormalisedTools { get; set; }

    /// <summary>Key order to write the frontmatter in.</summary>
    public IReadOnlyList<string>? KeyOrder { get; set; }

    /// <summary>Append a SYSTEM BOUNDARY section.</summary>
    public bool AddBoundarySection { get; set; }

    /// <summary>0-based file line of an existing SYSTEM BOUNDARY heading that lacks the orchestration sentence.</summary>
    public int? BoundaryHeadingIndex { get; set; }

    /// <summary>True when any fix applies.</summary>
    public bool Any => NewName is not null || NormalisedTools is not null || KeyOrder is not null || AddBoundarySection || BoundaryHeadingIndex is not null;
}
