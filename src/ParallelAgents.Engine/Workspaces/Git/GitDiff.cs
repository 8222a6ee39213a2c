namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>Reads what <c>git diff --name-status -z -M</c> writes: the paths a diff-aware run considers.</summary>
public static class GitDiff
{
    /// <summary>
    /// The arguments of the diff between two commits, trees only: no working tree, no external diff or text
    /// conversion; limited to <paramref name="paths"/> (a git workspace's <c>paths</c>, taken literally) when given.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string baseCommit, string commit, IReadOnlyList<string>? paths = null) =>
        ["--literal-pathspecs", "diff", "--name-status", "-z", "--find-renames", "--no-ext-diff", "--no-textconv", "--no-color", baseCommit, commit, "--", .. paths ?? []];

    /// <summary>True when <paramref name="file"/> lies in one of <paramref name="paths"/> (folders end with '/'); every file when there are none.</summary>
    public static bool IsIn(string file, IReadOnlyList<string> paths) =>
        paths.Count == 0 || paths.Any(p => p.EndsWith('/') ? file.StartsWith(p, StringComparison.Ordinal) : file == p);

    /// <summary>
    /// Added, copied, modified, type-changed and renamed files (a rename or copy counts under its new path); deleted
    /// files are left out. Paths come back as git wrote them: relative, with forward slashes.
    /// </summary>
    public static IReadOnlyList<string> ChangedFiles(string output)
    {
        var fields = output.Split('\0');
        var files = new List<string>();
        for (var i = 0; i < fields.Length; i++)
        {
            var status = fields[i];
            if (status.Length == 0)
            {
                continue;
            }

            // R and C are followed by a score (R100) and two paths, the rest by one.
            switch (status[0])
            {
                case 'R' or 'C' when i + 2 < fields.Length:
                    files.Add(fields[i + 2]);
                    i += 2;
                    break;
                case 'D' when i + 1 < fields.Length:
                    i += 1;
                    break;
                case 'A' or 'M' or 'T' or 'U' or 'X' when i + 1 < fields.Length:
                    files.Add(fields[i + 1]);
                    i += 1;
                    break;
                default:
                    i += 1;
                    break;
            }
        }

        return [.. files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
