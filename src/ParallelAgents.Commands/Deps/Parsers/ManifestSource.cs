using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>One file to parse and a way to read its neighbours (parent POMs, central package versions).</summary>
/// <param name="Path">Workspace-relative path with forward slashes.</param>
/// <param name="Text">The file's text.</param>
/// <param name="ReadRelative">Reads another workspace-relative file; null when it does not exist or cannot be read.</param>
public sealed record ManifestSource(string Path, string Text, Func<string, string?>? ReadRelative = null)
{
    /// <summary>The directory of <see cref="Path"/>, empty at the root.</summary>
    public string Directory => Path.Contains('/') ? Path[..Path.LastIndexOf('/')] : string.Empty;

    /// <summary>Joins a path relative to this file's directory and normalises '.' and '..'; null when it leaves the workspace.</summary>
    public string? Resolve(string relative) => RelativePath.Combine(Directory, relative);
}
