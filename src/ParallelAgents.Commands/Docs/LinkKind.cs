namespace ParallelAgents.Commands.Docs;

/// <summary>What a link destination is.</summary>
public enum LinkKind
{
    /// <summary>A path relative to the document or, with a leading '/', to the workspace root.</summary>
    Relative,

    /// <summary>A fragment in the same document.</summary>
    Anchor,

    /// <summary>An http(s) URL.</summary>
    External,

    /// <summary>mailto:, tel:, other schemes and empty links: not checked.</summary>
    Other,
}
