using MAB.DotIgnore;

namespace ParallelAgents.Commands.Workspaces;

/// <summary>
/// The <c>.gitignore</c> files that apply to a directory, outermost first. Git's precedence: a deeper file overrides an
/// outer one, a later line overrides an earlier one, a <c>!</c> pattern re-includes, and nothing below an excluded
/// directory can be re-included (the walker never enters it). Pattern matching is MAB.DotIgnore's. The one set of ignore
/// rules for every command: prime's file index and the agent command's file selection both walk with it.
/// </summary>
public sealed class GitIgnoreRules
{
    private readonly IReadOnlyList<(string Base, IReadOnlyList<IgnoreRule> Rules)> _levels;

    private GitIgnoreRules(IReadOnlyList<(string Base, IReadOnlyList<IgnoreRule> Rules)> levels) => _levels = levels;

    /// <summary>No rules.</summary>
    public static GitIgnoreRules None { get; } = new([]);

    /// <summary>These rules plus the patterns of a <c>.gitignore</c> in directory <paramref name="directory"/> (relative).</summary>
    public GitIgnoreRules With(string directory, IEnumerable<string> patternLines)
    {
        var rules = new List<IgnoreRule>();
        var number = 0;
        foreach (var raw in patternLines)
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // Unescaped trailing spaces are not part of a pattern.
            var trimmed = line.EndsWith("\\ ", StringComparison.Ordinal) ? line : line.TrimEnd(' ');
            if (trimmed.Length == 0 || trimmed == "!")
            {
                continue;
            }

            try
            {
                rules.Add(new IgnoreRule(trimmed, MatchFlags.PATHNAME, number));
            }
            catch (ArgumentException)
            {
                // A pattern git would not understand either is ignored, as git does.
            }
        }

        return rules.Count == 0 ? this : new GitIgnoreRules([.. _levels, (directory, rules)]);
    }

    /// <summary>
    /// These rules plus those of the <c>.gitignore</c> file at <paramref name="gitIgnorePath"/>, which lies in directory
    /// <paramref name="directory"/> (relative). An unreadable file excludes nothing.
    /// </summary>
    public GitIgnoreRules WithFile(string directory, string gitIgnorePath)
    {
        try
        {
            return With(directory, File.ReadAllLines(gitIgnorePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return this;
        }
    }

    /// <summary>True when the relative path is excluded.</summary>
    public bool IsIgnored(string relativePath, bool isDirectory)
    {
        var ignored = false;
        foreach (var (baseDir, rules) in _levels)
        {
            var local = baseDir.Length == 0 ? relativePath : relativePath[(baseDir.Length + 1)..];
            foreach (var rule in rules)
            {
                if (rule.IsMatch(local, isDirectory))
                {
                    ignored = !rule.PatternFlags.HasFlag(PatternFlags.NEGATION);
                }
            }
        }

        return ignored;
    }
}
