using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Docs;

/// <summary>
/// Applies a unified diff to file contents in memory, strictly: every hunk's context and removed lines must match the
/// current text at the stated line. Used to prove a patch set applies before it is offered.
/// </summary>
public static partial class PatchApplier
{
    /// <summary>
    /// Applies <paramref name="patch"/>; <paramref name="read"/> gives a file's current text (null when it does not exist).
    /// Returns the new text of every touched file and the 1-based lines each file's added lines ended up on.
    /// </summary>
    public static IReadOnlyDictionary<string, (string Text, IReadOnlyList<int> AddedLines)> Apply(string patch, Func<string, string?> read)
    {
        var results = new Dictionary<string, (string Text, IReadOnlyList<int> AddedLines)>(StringComparer.Ordinal);
        var lines = patch.Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }

        var i = 0;
        while (i < lines.Length)
        {
            if (!lines[i].StartsWith("--- ", StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            var oldName = lines[i][4..];
            if (i + 1 >= lines.Length || !lines[i + 1].StartsWith("+++ ", StringComparison.Ordinal))
            {
                throw new PatchException($"Missing '+++' line after '{lines[i]}'.");
            }

            var newName = lines[i + 1][4..];
            var path = StripPrefix(newName);
            if (results.ContainsKey(path))
            {
                throw new PatchException($"'{path}' is patched twice in one set.");
            }

            string current;
            if (oldName == "/dev/null")
            {
                if (read(path) is not null)
                {
                    throw new PatchException($"'{path}' already exists; the patch would create it.");
                }

                current = string.Empty;
            }
            else
            {
                current = read(StripPrefix(oldName)) ?? throw new PatchException($"'{StripPrefix(oldName)}' does not exist.");
            }

            i += 2;
            var old = UnifiedDiff.Lines(current);
            var output = new List<string>();
            var added = new List<int>();
            var cursor = 0;
            while (i < lines.Length && lines[i].StartsWith("@@", StringComparison.Ordinal))
            {
                var header = HunkHeader().Match(lines[i]);
                if (!header.Success)
                {
                    throw new PatchException($"Malformed hunk header '{lines[i]}' in '{path}'.");
                }

                var oldStart = int.Parse(header.Groups["os"].Value, CultureInfo.InvariantCulture);
                var oldCount = header.Groups["oc"].Success ? int.Parse(header.Groups["oc"].Value, CultureInfo.InvariantCulture) : 1;
                var position = oldCount == 0 ? oldStart : oldStart - 1;
                if (position < cursor || position > old.Count)
                {
                    throw new PatchException($"Hunk '{lines[i]}' in '{path}' is out of order or beyond the end of the file.");
                }

                for (; cursor < position; cursor++)
                {
                    output.Add(old[cursor]);
                }

                i++;
                while (i < lines.Length && lines[i].Length > 0 && lines[i][0] is ' ' or '-' or '+')
                {
                    var marker = lines[i][0];
                    var content = lines[i][1..] + "\n";
                    if (i + 1 < lines.Length && lines[i + 1].StartsWith('\\'))
                    {
                        content = content[..^1];
                        i++;
                    }

                    if (marker is ' ' or '-')
                    {
                        if (cursor >= old.Count || !string.Equals(old[cursor], content, StringComparison.Ordinal))
                        {
                            throw new PatchException($"'{path}' line {cursor + 1} does not match the patch's context; the file changed since the patch was made.");
                        }

                        if (marker == ' ')
                        {
                            output.Add(content);
                        }

                        cursor++;
                    }
                    else
                    {
                        output.Add(content);
                        added.Add(output.Count);
                    }

                    i++;
                }
            }

            for (; cursor < old.Count; cursor++)
            {
                output.Add(old[cursor]);
            }

            var text = new StringBuilder();
            foreach (var line in output)
            {
                text.Append(line);
            }

            results[path] = (text.ToString(), added);
        }

        return results;
    }

    private static string StripPrefix(string name)
    {
        var tab = name.IndexOf('\t');
        if (tab >= 0)
        {
            name = name[..tab];
        }

        return name.StartsWith("a/", StringComparison.Ordinal) || name.StartsWith("b/", StringComparison.Ordinal) ? name[2..] : name;
    }

    [GeneratedRegex(@"^@@ -(?<os>\d+)(?:,(?<oc>\d+))? \+(?<ns>\d+)(?:,(?<nc>\d+))? @@")]
    private static partial Regex HunkHeader();
}
