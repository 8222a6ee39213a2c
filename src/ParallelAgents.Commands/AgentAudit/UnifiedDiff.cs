using System.Globalization;
using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>Unified diffs (as <c>git diff</c> and <c>patch -p1</c> read them) from DiffPlex's line diff.</summary>
internal static class UnifiedDiff
{
    private const string NoNewlineMarker = "\\ No newline at end of file";

    // Marks a last line without a terminator so that adding or removing the final newline is a change.
    private const char NoNewlineSentinel = '\u0000';

    /// <summary>The diff from <paramref name="oldLines"/> to <paramref name="newLines"/>, or null when they are the same.</summary>
    public static string? Create(string path, IReadOnlyList<string> oldLines, bool oldEndsWithNewline, IReadOnlyList<string> newLines, bool newEndsWithNewline, int context = 3)
    {
        var a = Mark(oldLines, oldEndsWithNewline);
        var b = Mark(newLines, newEndsWithNewline);
        var result = Differ.Instance.CreateDiffs(string.Join('\n', a), string.Join('\n', b), false, false, new ExactLineChunker());
        if (result.DiffBlocks.Count == 0)
        {
            return null;
        }

        var ops = Operations(a, b, result.DiffBlocks);
        var text = new StringBuilder();
        text.Append("--- a/").Append(path).Append('\n');
        text.Append("+++ b/").Append(path).Append('\n');
        foreach (var (start, end) in Hunks(ops, context))
        {
            var slice = ops.Skip(start).Take(end - start).ToArray();
            var oldCount = slice.Count(o => o.Kind != '+');
            var newCount = slice.Count(o => o.Kind != '-');
            var oldStart = oldCount == 0 ? slice[0].OldIndex : slice[0].OldIndex + 1;
            var newStart = newCount == 0 ? slice[0].NewIndex : slice[0].NewIndex + 1;
            text.Append(CultureInfo.InvariantCulture, $"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@\n");
            foreach (var op in slice)
            {
                var line = op.Text;
                var noNewline = line.Length > 0 && line[^1] == NoNewlineSentinel;
                text.Append(op.Kind).Append(noNewline ? line[..^1] : line).Append('\n');
                if (noNewline)
                {
                    text.Append(NoNewlineMarker).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    private static string Range(int start, int count) =>
        count == 1 ? start.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{start},{count}");

    private static string[] Mark(IReadOnlyList<string> lines, bool endsWithNewline)
    {
        var marked = lines.ToArray();
        if (!endsWithNewline && marked.Length > 0)
        {
            marked[^1] += NoNewlineSentinel;
        }

        return marked;
    }

    // Every line of both files as context (' '), deletion ('-') or insertion ('+'), with the 0-based line
    // index each file has reached before the line.
    private static List<(char Kind, string Text, int OldIndex, int NewIndex)> Operations(string[] a, string[] b, IList<DiffBlock> blocks)
    {
        var ops = new List<(char, string, int, int)>();
        var (i, j) = (0, 0);
        foreach (var block in blocks.OrderBy(x => x.DeleteStartA))
        {
            while (i < block.DeleteStartA)
            {
                ops.Add((' ', a[i], i, j));
                i++;
                j++;
            }

            for (var k = 0; k < block.DeleteCountA; k++, i++)
            {
                ops.Add(('-', a[i], i, j));
            }

            for (var k = 0; k < block.InsertCountB; k++, j++)
            {
                ops.Add(('+', b[j], i, j));
            }
        }

        while (i < a.Length)
        {
            ops.Add((' ', a[i], i, j));
            i++;
            j++;
        }

        return ops;
    }

    // Ranges [start, end) of operations that form hunks: each change with up to `context` lines around it,
    // merged when the context of two changes touches.
    private static List<(int Start, int End)> Hunks(List<(char Kind, string Text, int OldIndex, int NewIndex)> ops, int context)
    {
        var hunks = new List<(int Start, int End)>();
        for (var i = 0; i < ops.Count; i++)
        {
            if (ops[i].Kind == ' ')
            {
                continue;
            }

            var start = Math.Max(0, i - context);
            var last = i;
            while (last + 1 < ops.Count)
            {
                var next = ops.FindIndex(last + 1, o => o.Kind != ' ');
                if (next < 0 || next - last - 1 > 2 * context)
                {
                    break;
                }

                last = next;
            }

            var end = Math.Min(ops.Count, last + context + 1);
            hunks.Add((start, end));
            i = end - 1;
        }

        return hunks;
    }

    // The joined text holds no other line breaks, so splitting on '\n' gives back the exact lines, empty ones included.
    private sealed class ExactLineChunker : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => text.Length == 0 ? [] : text.Split('\n');
    }
}
