namespace ParallelAgents.Engine.Workspaces;

/// <summary>Decides whether a client-supplied workspace path may be used: it must exist, be a directory, and lie under an allowed root.</summary>
public static class WorkspacePathPolicy
{
    /// <summary>The absolute path when acceptable; otherwise the reason.</summary>
    public static (string? FullPath, string? Error) Check(string? path, IReadOnlyList<string> allowedRoots)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return (null, "A workspace path is required.");
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return (null, $"'{path}' is not a valid path.");
        }

        if (!allowedRoots.Any(root => Workspace.IsUnder(root, full)))
        {
            return (null, $"'{path}' is outside the allowed workspace roots ({string.Join(", ", allowedRoots)}). Set Workspaces:AllowedRoots to allow it.");
        }

        // Resolve links so a link inside an allowed root cannot point outside it.
        var resolved = ResolveLinks(full);
        if (resolved is not null && !allowedRoots.Any(root => Workspace.IsUnder(ResolveLinks(root) ?? root, resolved)))
        {
            return (null, $"'{path}' resolves outside the allowed workspace roots.");
        }

        if (File.Exists(full))
        {
            return (null, $"'{path}' is a file, not a directory.");
        }

        if (!Directory.Exists(full))
        {
            return (null, $"'{path}' does not exist.");
        }

        return (full, null);
    }

    private static string? ResolveLinks(string path)
    {
        try
        {
            var info = new DirectoryInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            return target?.FullName ?? Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
