namespace ParallelAgents.Engine.Workspaces;

/// <summary>Where workspaces may come from. Section <c>Workspaces</c>.</summary>
public sealed class WorkspaceOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Workspaces";

    /// <summary>Directories under which a job may name a local path. Empty = the service's working directory.</summary>
    public List<string> AllowedRoots { get; set; } = [];

    /// <summary>Folder holding uploaded workspaces on this silo. Default: a folder under the system temp directory.</summary>
    public string? UploadRoot { get; set; }

    /// <summary>Largest accepted upload archive, in bytes.</summary>
    public long MaxArchiveBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Largest total size of an archive's extracted files, in bytes.</summary>
    public long MaxExtractedBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>Most files an archive may hold.</summary>
    public int MaxFiles { get; set; } = 50_000;

    /// <summary>The allowed roots, absolute, with the working directory as the default.</summary>
    public IReadOnlyList<string> EffectiveRoots() =>
        AllowedRoots.Count == 0
            ? [Directory.GetCurrentDirectory()]
            : AllowedRoots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(Path.GetFullPath).ToArray();

    /// <summary>The upload folder, absolute.</summary>
    public string EffectiveUploadRoot() =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(UploadRoot) ? Path.Combine(Path.GetTempPath(), "parallel-agents", "uploads") : UploadRoot);
}
