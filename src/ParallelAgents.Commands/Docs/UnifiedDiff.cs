using System.Text;

namespace ParallelAgents.Commands.Docs;

/// <summary>Writes git-style unified diffs (3 lines of context) for line edits and new files.</summary>
public static class UnifiedDiff
{
    private const int Context = 3;
    private const string NoNewline = "\\ No newline at end of file\n";

    /// <summary>Splits text into lines that keep their terminators.</summary>
    public static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    /// <summary>The newline a text uses ("\r\n" when its first line ends so).</summary>
    public static string NewlineOf(string text)
    {
        var index = text.IndexOf('\n');
        return index > 0 && text[index - 1] == '\r' ? "\r\n" : "\n";
    }

    /// <summary>A diff applying non-overlapping <paramref name="edits"/> to <paramref name="oldText"/>; also gives the new text.</summary>
    public static string ForEdits(string path, string oldText, IReadOnlyList<LineEdit> edits, out string newText)
    {
        var old = Lines(oldText);
        var sorted = edits.OrderBy(e => e.Start).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Start < sorted[i - 1].Start + sorted[i - 1].DeleteCount)
            {
                throw new ArgumentException($"Edits overlap at line {sorted[i].Start + 1} of {path}.", nameof(edits));
            }
        }

        var result = new StringBuilder();
        var cursor = 0;
        foreach (var edit in sorted)
        {
            for (; cursor < edit.Start; cursor++)
            {
                result.Append(old[cursor]);
            }

            foreach (var line in edit.Insert)
            {
                result.Append(line);
            }

            cursor = edit.Start + edit.DeleteCount;
        }

        for (; cursor < old.Count; cursor++)
        {
            result.Append(old[cursor]);
        }

        newText = result.ToString();

        var diff = new StringBuilder();
        diff.Append("diff --git a/").Append(path).Append(" b/").Append(path).Append('\n');
        diff.Append("--- a/").Append(path).Append('\n');
        diff.Append("+++ b/").Append(path).Append('\n');

        // Group edits whose context windows touch into one hunk.
        var groups = new List<List<LineEdit>>();
        foreach (var edit in sorted)
        {
            if (groups.Count > 0)
            {
                var last = groups[^1][^1];
                if (edit.Start - (last.Start + last.DeleteCount) <= 2 * Context)
                {
                    groups[^1].Add(edit);
                    continue;
                }
            }

            groups.Add([edit]);
        }

        var delta = 0;
        foreach (var group in groups)
        {
            var first = group[0];
            var lastEdit = group[^1];
            var oldStart = Math.Max(0, first.Start - Context);
            var oldEnd = Math.Min(old.Count, lastEdit.Start + lastEdit.DeleteCount + Context);
            var body = new StringBuilder();
            var oldCount = 0;
            var newCount = 0;
            var deltaBefore = delta;
            var i = oldStart;
            foreach (var edit in group)
            {
                for (; i < edit.Start; i++)
                {
                    AppendLine(body, ' ', old[i]);
                    oldCount++;
                    newCount++;
                }

                for (var d = 0; d < edit.DeleteCount; d++)
                {
                    AppendLine(body, '-', old[edit.Start + d]);
                    oldCount++;
                }

                foreach (var line in edit.Insert)
                {
                    AppendLine(body, '+', line);
                    newCount++;
                }

                i = edit.Start + edit.DeleteCount;
                delta += edit.Insert.Count - edit.DeleteCount;
            }

            for (; i < oldEnd; i++)
            {
                AppendLine(body, ' ', old[i]);
                oldCount++;
                newCount++;
            }

            var newStart = oldStart + deltaBefore;
            diff.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
            diff.Append(body);
        }

        return diff.ToString();
    }

    /// <summary>A diff creating <paramref name="path"/> with <paramref name="text"/>.</summary>
    public static string ForNewFile(string path, string text)
    {
        var lines = Lines(text);
        var diff = new StringBuilder();
        diff.Append("diff --git a/").Append(path).Append(" b/").Append(path).Append('\n');
        diff.Append("new file mode 100644\n");
        diff.Append("--- /dev/null\n");
        diff.Append("+++ b/").Append(path).Append('\n');
        diff.Append("@@ -0,0 +").Append(Range(0, lines.Count)).Append(" @@\n");
        foreach (var line in lines)
        {
            AppendLine(diff, '+', line);
        }

        return diff.ToString();
    }

    private static string Range(int zeroBasedStart, int count) =>
        count == 0 ? $"{zeroBasedStart},0" : count == 1 ? $"{zeroBasedStart + 1}" : $"{zeroBasedStart + 1},{count}";

    private static void AppendLine(StringBuilder builder, char marker, string line)
    {
        builder.Append(marker).Append(line);
        if (!line.EndsWith('\n'))
        {
            builder.Append('\n').Append(NoNewline);
        }
    }
}
