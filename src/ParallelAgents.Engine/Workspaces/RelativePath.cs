namespace ParallelAgents.Engine.Workspaces;

/// <summary>Workspace-relative paths with forward slashes, as commands report them.</summary>
public static class RelativePath
{
    /// <summary>Removes '.' and empty segments and applies '..'; null when the path climbs above the workspace root.</summary>
    public static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>Joins <paramref name="relative"/> to <paramref name="directory"/> (empty for the root) and normalises the result.</summary>
    public static string? Combine(string directory, string relative) =>
        Normalize(directory.Length == 0 ? relative : $"{directory}/{relative}");
}
