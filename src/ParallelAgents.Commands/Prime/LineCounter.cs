using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Prime;

/// <summary>
/// Counts code, comment and blank lines the way cloc 1.9x does by default: blank lines first, then the language's
/// comment filters (string-unaware, as cloc's are), and every line that is not blank and not left with code is a
/// comment. Lines end at <c>\n</c> (a trailing <c>\r</c> is dropped, a lone <c>\r</c> does not end a line) and a UTF-8
/// byte order mark is ignored. A hand-written scanner replaces cloc's regular expressions so a file is read once.
/// </summary>
public static partial class LineCounter
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Counts the lines of a file's bytes.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="style">The language's comment rules.</param>
    /// <param name="shebangIsCode">Count a first <c>#!</c> line as code (cloc does for script languages).</param>
    /// <param name="continuation">A white-space line after a line ending in a backslash is not blank (cloc's end-of-line continuation languages).</param>
    public static LineCounts Count(ReadOnlySpan<byte> content, CommentStyle style, bool shebangIsCode = false, bool continuation = false)
    {
        if (content.StartsWith(Bom))
        {
            content = content[3..];
        }

        var lines = new LineList(content);
        try
        {
            var total = lines.Count;
            var blank = 0;
            for (var i = 0; i < total; i++)
            {
                if (IsBlank(lines.Line(i)) && !(continuation && i > 0 && EndsWithBackslash(lines.Raw(i - 1))))
                {
                    blank++;
                    lines.MarkBlank(i);
                }
            }

            if (total == blank)
            {
                return new LineCounts(0, 0, blank);
            }

            var first = lines.FirstNonBlank();
            var shebang = shebangIsCode && lines.Line(first).StartsWith("#!"u8);
            var code = style switch
            {
                CommentStyle.None => total - blank,
                CommentStyle.CPlusPlus => new BlockScanner(lines, Slash2: true, Doubled: true, DropPrefix: null, continuation).Run(),
                CommentStyle.Java => CountJava(lines),
                CommentStyle.Php => new BlockScanner(DropLinesStartingWith(lines, "#"u8), Slash2: true, Doubled: true, DropPrefix: null, continuation).Run(),
                CommentStyle.Python => CountPython(lines, continuation),
                CommentStyle.Hash => CountHash(lines, continuation),
                CommentStyle.CBlock => new BlockScanner(lines, Slash2: false, Doubled: false, DropPrefix: null, continuation).Run(),
                CommentStyle.Sql => new BlockScanner(lines, Slash2: false, Doubled: false, DropPrefix: "--"u8.ToArray(), continuation).Run(),
                CommentStyle.PowerShell => CountPowerShell(content, continuation),
                CommentStyle.Html => CountHtml(lines),
                CommentStyle.FSharp => CountBetween(lines, "(*"u8, "*)"u8, "//"u8),
                _ => total - blank,
            };

            // cloc counts a script's "#!" line as code even though its comment filter removed it.
            if (shebang && style is CommentStyle.Python or CommentStyle.Hash or CommentStyle.Php)
            {
                code = Math.Min(code + 1, total - blank);
            }

            return new LineCounts(code, total - blank - code, blank);
        }
        finally
        {
            lines.Dispose();
        }
    }

    internal static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v';

    internal static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (!IsSpace(b))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool EndsWithBackslash(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == (byte)'\\';

    private static bool IsHashComment(ReadOnlySpan<byte> line) => StartsAfterSpace(line, "#"u8);

    internal static bool StartsAfterSpace(ReadOnlySpan<byte> line, ReadOnlySpan<byte> prefix)
    {
        var i = 0;
        while (i < line.Length && IsSpace(line[i]))
        {
            i++;
        }

        return line[i..].StartsWith(prefix);
    }

    private static LineList DropLinesStartingWith(LineList lines, ReadOnlySpan<byte> prefix)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines.IsBlank(i) && StartsAfterSpace(lines.Line(i), prefix))
            {
                lines.MarkBlank(i);
            }
        }

        return lines;
    }

    private static int CountHash(LineList lines, bool continuation)
    {
        var code = 0;
        var inRubyDoc = false;
        var previousEndsWithBackslash = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines.IsBlank(i))
            {
                continue;
            }

            var line = lines.Line(i);
            if (inRubyDoc)
            {
                inRubyDoc = !line.StartsWith("=end"u8);
                continue;
            }

            if (line.StartsWith("=begin"u8))
            {
                inRubyDoc = true;
                continue;
            }

            if (IsHashComment(line))
            {
                continue;
            }

            if (!IsBlank(line) || (continuation && previousEndsWithBackslash))
            {
                code++;
            }

            previousEndsWithBackslash = EndsWithBackslash(line);
        }

        return code;
    }

    private static int CountJava(LineList lines)
    {
        // cloc's Java pre-filters: a trailing backslash becomes a space, and a quoted string ending in "/*" or "*/"
        // (quote, anything, marker, same quote) becomes xx so it cannot open or close a comment.
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines.IsBlank(i))
            {
                continue;
            }

            var line = lines.Line(i);
            var changed = false;
            string? text = null;
            if (line.Length > 0 && line[^1] == (byte)'\\')
            {
                text = Encoding.Latin1.GetString(line[..^1]) + " ";
                changed = true;
            }

            if ((line.IndexOf("/*"u8) >= 0 || line.IndexOf("*/"u8) >= 0) && line.IndexOfAny((byte)'"', (byte)'\'') >= 0)
            {
                text ??= Encoding.Latin1.GetString(line);
                var replaced = JavaOpenInString().Replace(text, "xx");
                replaced = JavaCloseInString().Replace(replaced, "xx");
                changed |= !ReferenceEquals(replaced, text) && replaced != text;
                text = replaced;
            }

            if (changed && text is not null)
            {
                var bytes = Encoding.Latin1.GetBytes(text);
                if (IsBlank(bytes))
                {
                    lines.MarkBlank(i);
                }
                else
                {
                    lines.Replace(i, bytes);
                }
            }
        }

        return new BlockScanner(lines, Slash2: true, Doubled: true, DropPrefix: null, Continuation: false).Run();
    }

    private static int CountPowerShell(ReadOnlySpan<byte> content, bool continuation)
    {
        var copy = content.ToArray();
        for (var i = 0; i + 1 < copy.Length; i++)
        {
            if (copy[i] == (byte)'<' && copy[i + 1] == (byte)'#')
            {
                copy[i] = (byte)'/';
                copy[i + 1] = (byte)'*';
                i++;
            }
            else if (copy[i] == (byte)'#' && copy[i + 1] == (byte)'>')
            {
                copy[i] = (byte)'*';
                copy[i + 1] = (byte)'/';
                i++;
            }
        }

        var lines = new LineList(copy);
        try
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (IsBlank(lines.Line(i)) && !(continuation && i > 0 && EndsWithBackslash(lines.Raw(i - 1))))
                {
                    lines.MarkBlank(i);
                }
            }

            return new BlockScanner(lines, Slash2: false, Doubled: false, DropPrefix: "#"u8.ToArray(), continuation).Run();
        }
        finally
        {
            lines.Dispose();
        }
    }

    private static int CountPython(LineList lines, bool continuation)
    {
        // cloc drops every line holding "/*" or "*/" or starting with '#', then turns triple quotes alternately into
        // "/*" and "*/" and removes C comments, so every triple-quoted string counts as a comment.
        var markers = new List<(int Line, int Pos, int Length)>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines.IsBlank(i))
            {
                continue;
            }

            var line = lines.Line(i);
            if (line.IndexOf("/*"u8) >= 0 || line.IndexOf("*/"u8) >= 0 || IsHashComment(line))
            {
                lines.MarkBlank(i);
                continue;
            }

            var p = 0;
            while (p + 3 <= line.Length)
            {
                var rest = line[p..];
                var a = rest.IndexOf("\"\"\""u8);
                var b = rest.IndexOf("'''"u8);
                var at = a < 0 ? b : b < 0 ? a : Math.Min(a, b);
                if (at < 0)
                {
                    break;
                }

                markers.Add((i, p + at, 3));
                p += at + 3;
            }
        }

        var usable = markers.Count - (markers.Count % 2);
        var code = 0;
        var segment = false;
        var last = (byte)0;
        var previousEndsWithBackslash = false;
        var marker = 0;
        var inString = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines.IsBlank(i))
            {
                continue;
            }

            var line = lines.Line(i);
            var p = 0;
            while (marker < usable && markers[marker].Line == i)
            {
                var (_, pos, length) = markers[marker];
                if (!inString)
                {
                    // The opening marker swallows a u/U prefix.
                    var end = pos > p && (line[pos - 1] | 0x20) == (byte)'u' ? pos - 1 : pos;
                    segment |= !IsBlank(line[p..end]);
                    last = end > p ? line[end - 1] : last;
                }

                inString = !inString;
                p = pos + length;
                marker++;
            }

            if (!inString)
            {
                segment |= !IsBlank(line[p..]);
                last = p < line.Length ? line[^1] : last;
                if (segment || (continuation && previousEndsWithBackslash))
                {
                    code++;
                }

                previousEndsWithBackslash = last == (byte)'\\';
                segment = false;
                last = 0;
            }
        }

        if (segment)
        {
            code++;
        }

        return code;
    }

    private static int CountHtml(LineList lines)
    {
        // cloc's remove_html_comments: a line that opens a comment is dropped even when code precedes the comment.
        var code = 0;
        var inComment = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines.IsBlank(i))
            {
                continue;
            }

            var line = StripInlineHtmlComments(lines.Line(i));
            if (IsBlank(line))
            {
                continue;
            }

            if (inComment)
            {
                var close = line.IndexOf("-->"u8);
                if (close < 0)
                {
                    continue;
                }

                line = line[(close + 3)..];
                inComment = false;
                if (IsBlank(line))
                {
                    continue;
                }
            }

            if (line.IndexOf("<!--"u8) >= 0)
            {
                inComment = true;
                continue;
            }

            code++;
        }

        return code;
    }

    private static ReadOnlySpan<byte> StripInlineHtmlComments(ReadOnlySpan<byte> line)
    {
        var open = line.IndexOf("<!--"u8);
        if (open < 0 || line[(open + 4)..].IndexOf("-->"u8) < 0)
        {
            return line;
        }

        var result = new List<byte>(line.Length);
        var p = 0;
        while (true)
        {
            var o = line[p..].IndexOf("<!--"u8);
            if (o < 0)
            {
                break;
            }

            var c = line[(p + o + 4)..].IndexOf("-->"u8);
            if (c < 0)
            {
                break;
            }

            result.AddRange(line.Slice(p, o));
            p += o + 4 + c + 3;
        }

        result.AddRange(line[p..]);
        return result.ToArray();
    }

    private static int CountBetween(LineList lines, ReadOnlySpan<byte> start, ReadOnlySpan<byte> end, ReadOnlySpan<byte> linePrefix)
    {
        // cloc's remove_between_general followed by a line-comment filter.
        var code = 0;
        var inComment = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines.IsBlank(i))
            {
                continue;
            }

            var line = lines.Line(i);
            if (inComment)
            {
                var close = line.IndexOf(end);
                if (close < 0)
                {
                    continue;
                }

                line = line[(close + end.Length)..];
                inComment = false;
            }

            while (line.IndexOf(start) is var o && o >= 0)
            {
                var c = line[(o + start.Length)..].IndexOf(end);
                if (c < 0)
                {
                    inComment = true;
                    line = line[..o];
                    break;
                }

                var kept = line[..o].ToArray().Concat(line[(o + start.Length + c + end.Length)..].ToArray()).ToArray();
                line = kept;
            }

            if (!IsBlank(line) && !StartsAfterSpace(line, linePrefix))
            {
                code++;
            }
        }

        return code;
    }

    [GeneratedRegex("([\"'])(.*?/\\*)\\1", RegexOptions.CultureInvariant)]
    private static partial Regex JavaOpenInString();

    [GeneratedRegex("([\"'])(.*?\\*/)\\1", RegexOptions.CultureInvariant)]
    private static partial Regex JavaCloseInString();

    /// <summary>The file's lines as offsets into its bytes; lines can be marked removed or replaced.</summary>
    internal sealed class LineList : IDisposable
    {
        private readonly byte[] _owned;
        private readonly int[] _starts;
        private readonly int[] _lengths;
        private Dictionary<int, byte[]>? _replaced;

        public LineList(ReadOnlySpan<byte> content)
        {
            var estimate = content.Count((byte)'\n') + 1;
            _starts = ArrayPool<int>.Shared.Rent(estimate);
            _lengths = ArrayPool<int>.Shared.Rent(estimate);
            _owned = ArrayPool<byte>.Shared.Rent(content.Length);
            content.CopyTo(_owned);
            Length = content.Length;
            var count = 0;
            var p = 0;
            while (p < content.Length)
            {
                var nl = content[p..].IndexOf((byte)'\n');
                var end = nl < 0 ? content.Length : p + nl;
                var len = end - p;
                if (len > 0 && content[end - 1] == (byte)'\r')
                {
                    len--;
                }

                _starts[count] = p;
                _lengths[count] = len;
                count++;
                p = end + 1;
            }

            Count = count;
        }

        public int Count { get; }

        private int Length { get; }

        public ReadOnlySpan<byte> Line(int i) =>
            _replaced is not null && _replaced.TryGetValue(i, out var r) ? r : _owned.AsSpan(_starts[i], _lengths[i]);

        public bool IsBlank(int i) => _lengths[i] < 0;

        public void MarkBlank(int i) => _lengths[i] = _lengths[i] < 0 ? _lengths[i] : -1 - _lengths[i];

        public void Replace(int i, byte[] bytes) => (_replaced ??= [])[i] = bytes;

        public int FirstNonBlank()
        {
            for (var i = 0; i < Count; i++)
            {
                if (!IsBlank(i))
                {
                    return i;
                }
            }

            return -1;
        }

        // A blank-marked line keeps its text for the shebang check.
        public ReadOnlySpan<byte> Raw(int i) => _owned.AsSpan(_starts[i], _lengths[i] < 0 ? -1 - _lengths[i] : _lengths[i]);

        public void Dispose()
        {
            ArrayPool<int>.Shared.Return(_starts);
            ArrayPool<int>.Shared.Return(_lengths);
            ArrayPool<byte>.Shared.Return(_owned);
        }
    }
}
