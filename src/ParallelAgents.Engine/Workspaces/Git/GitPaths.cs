namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>The <c>paths</c> of a git workspace: workspace-relative files or folders ('src/') to check out, nothing else.</summary>
public static class GitPaths
{
    /// <summary>Most paths one workspace may name.</summary>
    public const int MaxCount = 100;

    /// <summary>The normalised path (folders keep their trailing '/'), or null with the reason it is refused.</summary>
    public static (string? Path, string? Error) Normalize(string path)
    {
        // Sparse-checkout patterns are gitignore patterns: wildcards, negation and escapes would widen or invert them.
        if (path.Length is 0 or > 512 || path.Any(c => char.IsControl(c) || c is '*' or '?' or '[' or ']' or '!' or '#' or '\\'))
        {
            return (null, $"'{Short(path)}' is not a plain relative path (no wildcards, '!', '#' or '\\').");
        }

        var folder = path.EndsWith('/');
        var normalized = path.StartsWith('/') ? null : RelativePath.Normalize(path);
        if (string.IsNullOrEmpty(normalized) || normalized.Split('/').Contains(".git", StringComparer.OrdinalIgnoreCase))
        {
            return (null, $"'{Short(path)}' must be a path inside the repository, like 'src/' or 'README.md'.");
        }

        return (folder ? normalized + "/" : normalized, null);
    }

    /// <summary>The sparse-checkout patterns (anchored at the root) that check out exactly these paths.</summary>
    public static string SparsePatterns(IEnumerable<string> paths) => string.Concat(paths.Select(p => "/" + p + "\n"));

    private static string Short(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
