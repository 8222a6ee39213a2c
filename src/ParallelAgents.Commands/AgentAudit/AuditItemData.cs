namespace ParallelAgents.Commands.AgentAudit;

/// <summary>Per-file data an item hands to aggregation (its <c>ItemResult.DataJson</c>) for the cross-file rules.</summary>
/// <param name="Path">Workspace-relative path.</param>
/// <param name="Kind">agent, skill or legacy-skill.</param>
/// <param name="Readable">False when the file could not be parsed (its finding says why).</param>
/// <param name="Name">The declared name.</param>
/// <param name="NameLine">Line of <c>name</c>.</param>
/// <param name="Category">The declared category, lowercased, aliases resolved.</param>
/// <param name="CategoryLine">Line of <c>category</c>.</param>
/// <param name="Agent">For skills: the agent named by <c>agent</c>.</param>
/// <param name="AgentLine">Line of <c>agent</c>.</param>
/// <param name="Diff">Unified diff of the safe fixes, when options.fix is on and any apply.</param>
internal sealed record AuditItemData(
    string Path,
    string Kind,
    bool Readable,
    string? Name = null,
    int NameLine = 1,
    string? Category = null,
    int CategoryLine = 1,
    string? Agent = null,
    int AgentLine = 1,
    string? Diff = null);
