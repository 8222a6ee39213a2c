using System.Globalization;
using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Test.Results;

/// <summary>Finds "file:line" in failure text (tracebacks, stack traces, assertion output).</summary>
public static partial class StackLocation
{
    /// <summary>
    /// The first location in <paramref name="text"/> whose file lies under <paramref name="runRoot"/> (or is relative),
    /// as a path relative to the run root; frames inside runner libraries are passed over.
    /// </summary>
    public static (string File, int Line)? Find(string? text, string runRoot)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        (string, int)? relativeHit = null;
        foreach (Match m in Location().Matches(text))
        {
            var file = m.Groups["file"].Value.Trim();
            if (!int.TryParse(m.Groups["line"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var line) || line <= 0)
            {
                continue;
            }

            if (file.StartsWith("file://", StringComparison.Ordinal))
            {
                file = file["file://".Length..];
            }

            if (Path.IsPathRooted(file))
            {
                var root = Path.TrimEndingDirectorySeparator(runRoot) + "/";
                if (file.StartsWith(root, StringComparison.Ordinal) && !file.Contains("/node_modules/", StringComparison.Ordinal) && !file.Contains("/site-packages/", StringComparison.Ordinal))
                {
                    return (file[root.Length..], line);
                }
            }
            else if (relativeHit is null && !file.StartsWith("node:", StringComparison.Ordinal) && !file.StartsWith('<') && !file.Contains("site-packages", StringComparison.Ordinal) && file.Contains('.', StringComparison.Ordinal))
            {
                relativeHit = (file.Replace('\\', '/'), line);
            }
        }

        return relativeHit;
    }

    [GeneratedRegex(@"(?<file>(?:file://)?[^\s:()'""<>,]+\.(?:py|js|mjs|cjs|ts|tsx|jsx|cs|go|rs|fs|vb))(?::line |:| line |"", line )(?<line>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Location();
}
