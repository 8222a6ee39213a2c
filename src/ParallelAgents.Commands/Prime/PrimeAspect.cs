namespace ParallelAgents.Commands.Prime;

/// <summary>The five analysis aspects; in focused mode each is one work item, in files mode every item runs all of them.</summary>
[Flags]
public enum PrimeAspect
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Files and code/comment/blank lines per language, skipped files, folder summary.</summary>
    Structure = 1,

    /// <summary>Imports and project references, resolved into a graph.</summary>
    Dependencies = 2,

    /// <summary>Duplicated blocks and long functions.</summary>
    Patterns = 4,

    /// <summary>Complexity (branch tokens) and size per file.</summary>
    Hotspots = 8,

    /// <summary>TODO / FIXME / HACK / XXX markers.</summary>
    Debt = 16,

    /// <summary>Every aspect.</summary>
    All = Structure | Dependencies | Patterns | Hotspots | Debt,
}
