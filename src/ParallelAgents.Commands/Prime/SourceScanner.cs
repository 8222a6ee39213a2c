using System.Text;

namespace ParallelAgents.Commands.Prime;

/// <summary>
/// One pass over a file's lines for the pattern, hotspot and debt aspects: branch tokens, debt markers in comments,
/// function extents (braces or indentation) and hashes of normalised windows of lines.
/// </summary>
public static class SourceScanner
{
    /// <summary>The debt markers, in rule order.</summary>
    public static IReadOnlyList<string> MarkerWords { get; } = ["TODO", "FIXME", "HACK", "XXX"];

    private static ReadOnlySpan<byte> AsciiSpace => " \t\r\n\f\v"u8;

    // Characters a marker's note loses at its end: comment closers and arrows.
    private static readonly char[] NoteTail = ['*', '/', '-', '>'];

    private static readonly byte[][] MarkerBytes = [.. MarkerWords.Select(Encoding.ASCII.GetBytes)];

    private static readonly HashSet<string> NotFunctions = new(StringComparer.Ordinal)
    {
        "if", "for", "foreach", "while", "switch", "catch", "using", "lock", "else", "do", "try", "return", "fixed", "when", "new", "match", "loop", "select", "unsafe", "checked", "unchecked", "finally", "get", "set", "init", "with",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotFunctionLookup = NotFunctions.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Scans one file. With <paramref name="buffers"/>, the result's lists are those buffers: they are valid until the next scan with them.</summary>
    public static Result Scan(Language language, ReadOnlySpan<byte> content, PrimeAspect aspects, int duplicateWindow, int windowSample, Buffers? buffers = null)
    {
        buffers ??= new Buffers();
        buffers.Clear();
        var complexity = 0;
        var markers = buffers.Markers;
        var functions = buffers.Functions;
        var windows = buffers.Windows;
        var open = buffers.Open;
        var pyDefs = buffers.PyDefs;
        var depth = 0;
        // The tail of the last code line after its last brace or semicolon, as a range of content: the header of a
        // brace that opens on the next line.
        var lastHeader = (Start: 0, Length: 0);
        var branchTokens = BranchLookup(language.BranchTokens);
        var inBlockComment = false;
        var lineHashes = buffers.LineHashes;
        var wantComplexity = aspects.HasFlag(PrimeAspect.Hotspots);
        var wantDebt = aspects.HasFlag(PrimeAspect.Debt);
        var wantPatterns = aspects.HasFlag(PrimeAspect.Patterns);
        var lineComment = language.LineCommentBytes.Span;
        var number = 0;
        var lastCodeLine = 0;
        var p = 0;
        while (p < content.Length)
        {
            var nl = content[p..].IndexOf((byte)'\n');
            var lineStart = p;
            var line = nl < 0 ? content[p..] : content.Slice(p, nl);
            p = nl < 0 ? content.Length : p + nl + 1;
            number++;
            var trimmed = line.Trim(" \t\r\f\v"u8);
            var trimmedStart = lineStart + (line.Length - line.TrimStart(" \t\r\f\v"u8).Length);
            if (trimmed.Length == 0)
            {
                continue;
            }

            // Where the code of this line ends and its comment starts (string-unaware, like cloc).
            var codeEnd = trimmed.Length;
            var isComment = inBlockComment;
            if (inBlockComment)
            {
                var close = trimmed.IndexOf("*/"u8);
                inBlockComment = close < 0;
                codeEnd = 0;
            }
            else
            {
                if (lineComment.Length > 0 && trimmed.IndexOf(lineComment) is var lc && lc >= 0)
                {
                    codeEnd = lc;
                    isComment = true;
                }

                var bo = trimmed[..codeEnd].IndexOf("/*"u8);
                if (bo >= 0 && language.Comments is CommentStyle.CPlusPlus or CommentStyle.Java or CommentStyle.Php or CommentStyle.CBlock or CommentStyle.Sql)
                {
                    isComment = true;
                    inBlockComment = trimmed[(bo + 2)..].IndexOf("*/"u8) < 0;
                    codeEnd = bo;
                }
            }

            if (wantDebt && (isComment || trimmed[0] == (byte)'*' || trimmed.StartsWith("<!--"u8)))
            {
                FindMarkers(trimmed[(isComment ? codeEnd : 0)..], number, markers, buffers.Notes);
            }

            var code = trimmed[..codeEnd];
            if (code.Length == 0)
            {
                continue;
            }

            if (wantComplexity && language.BranchTokens.Count > 0)
            {
                complexity += CountBranches(code, branchTokens);
            }

            if (wantPatterns)
            {
                if (language.Blocks == BlockKind.Braces)
                {
                    TrackBraces(content, trimmedStart, code, number, ref depth, ref lastHeader, open, functions);
                }
                else if (language.Blocks == BlockKind.Indentation)
                {
                    var indent = line.Length - line.TrimStart(" \t"u8).Length;
                    while (pyDefs.Count > 0 && indent <= pyDefs.Peek().Indent)
                    {
                        var def = pyDefs.Pop();
                        functions.Add((def.Name, def.Line, lastCodeLine - def.Line + 1));
                    }

                    if (code.StartsWith("def "u8) || code.StartsWith("async def "u8))
                    {
                        var text = Encoding.UTF8.GetString(code);
                        var start = text.IndexOf("def ", StringComparison.Ordinal) + 4;
                        var paren = text.IndexOf('(', start);
                        pyDefs.Push((paren > start ? text[start..paren] : text[start..], number, indent));
                    }
                }

                if (code.Length >= 3 && !IsOnlyPunctuation(code))
                {
                    lineHashes.Add((Fnv(code), number));
                }
            }

            lastCodeLine = number;
        }

        while (pyDefs.Count > 0)
        {
            var def = pyDefs.Pop();
            functions.Add((def.Name, def.Line, lastCodeLine - def.Line + 1));
        }

        if (wantPatterns && duplicateWindow > 0)
        {
            for (var i = 0; i + duplicateWindow <= lineHashes.Count; i++)
            {
                var h = 1469598103934665603UL;
                for (var k = 0; k < duplicateWindow; k++)
                {
                    h = (h ^ lineHashes[i + k].Hash) * 1099511628211UL;
                }

                var hash = (long)(h & 0x7FFFFFFFFFFFFFFF);
                if (hash % windowSample == 0)
                {
                    windows.Add((hash, lineHashes[i].Line));
                }
            }
        }

        return new Result(complexity, markers, functions, windows);
    }

    private static void FindMarkers(ReadOnlySpan<byte> text, int line, List<(string, int, string)> markers, Buffers.NoteSet notes)
    {
        for (var m = 0; m < MarkerBytes.Length; m++)
        {
            var word = MarkerWords[m];
            var bytes = MarkerBytes[m];
            var at = text.IndexOf(bytes);
            while (at >= 0)
            {
                var before = at == 0 || !IsWord(text[at - 1]);
                var after = at + bytes.Length >= text.Length || !IsWord(text[at + bytes.Length]);
                if (before && after)
                {
                    markers.Add((word, line, Note(text[at..], notes)));
                    break;
                }

                var next = text[(at + 1)..].IndexOf(bytes);
                at = next < 0 ? -1 : at + 1 + next;
            }
        }
    }

    // The marker's text to the end of the line, without comment closers, at most 160 characters; a note seen before in
    // the same item is the same string (generated code repeats its markers: "TODO Auto-generated method stub").
    private static string Note(ReadOnlySpan<byte> text, Buffers.NoteSet notes)
    {
        var rented = text.Length > 512 ? System.Buffers.ArrayPool<char>.Shared.Rent(text.Length) : null;
        try
        {
            Span<char> chars = rented ?? stackalloc char[512];
            var decoded = chars[..Encoding.UTF8.GetChars(text, chars)];
            var note = ((ReadOnlySpan<char>)decoded).Trim().TrimEnd(NoteTail).Trim();
            return notes.Get(note.Length > 160 ? note[..160] : note);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    // Branch words are looked up by span, so counting allocates nothing per word.
    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BranchLookup(IReadOnlySet<string> tokens) =>
        tokens is HashSet<string> set && set.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup)
            ? lookup
            : new HashSet<string>(tokens, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static int CountBranches(ReadOnlySpan<byte> code, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> tokens)
    {
        var count = 0;
        var i = 0;
        Span<char> word = stackalloc char[32];
        while (i < code.Length)
        {
            var c = code[i];
            if (IsWordStart(c))
            {
                var start = i;
                i++;
                while (i < code.Length && (IsWord(code[i]) || code[i] == (byte)'-'))
                {
                    i++;
                }

                var len = i - start;
                if (len <= word.Length)
                {
                    for (var k = 0; k < len; k++)
                    {
                        word[k] = (char)code[start + k];
                    }

                    if (tokens.Contains(word[..len]))
                    {
                        count++;
                    }
                }

                continue;
            }

            if (c == (byte)'"' || c == (byte)'\'')
            {
                var close = code[(i + 1)..].IndexOf(c);
                i = close < 0 ? code.Length : i + close + 2;
                continue;
            }

            if (i + 1 < code.Length && IsOperatorPair(c, code[i + 1]))
            {
                word[0] = (char)c;
                word[1] = (char)code[i + 1];
                if (tokens.Contains(word[..2]))
                {
                    count++;
                    i += 2;
                    continue;
                }
            }

            if (c == (byte)'?' && i + 1 < code.Length && code[i + 1] == (byte)' ' && i > 0 && code[i - 1] == (byte)' ' && tokens.Contains("?"))
            {
                count++;
            }

            i++;
        }

        return count;
    }

    private static bool IsOperatorPair(byte a, byte b) => (a, b) is ((byte)'&', (byte)'&') or ((byte)'|', (byte)'|') or ((byte)'?', (byte)'?') or ((byte)'=', (byte)'>') or ((byte)'?', (byte)':');

    private static void TrackBraces(
        ReadOnlySpan<byte> content, int codeStart, ReadOnlySpan<byte> code, int line, ref int depth, ref (int Start, int Length) lastHeader, Stack<(string Name, int Line, int Depth)> open, List<(string, int, int)> functions)
    {
        var segmentStart = 0;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == (byte)'"' || c == (byte)'\'' || c == (byte)'`')
            {
                var close = code[(i + 1)..].IndexOf(c);
                if (close < 0)
                {
                    break;
                }

                i += close + 1;
                continue;
            }

            if (c == (byte)'{')
            {
                var header = code[segmentStart..i].Trim(" \t"u8);
                if (FunctionName(header.Length > 0 ? header : content.Slice(lastHeader.Start, lastHeader.Length)) is { } name)
                {
                    open.Push((name, header.Length > 0 ? line : Math.Max(1, line - 1), depth));
                }

                depth++;
                segmentStart = i + 1;
            }
            else if (c == (byte)'}')
            {
                depth = Math.Max(0, depth - 1);
                if (open.Count > 0 && open.Peek().Depth == depth)
                {
                    var f = open.Pop();
                    functions.Add((f.Name, f.Line, line - f.Line + 1));
                }

                segmentStart = i + 1;
            }
            else if (c == (byte)';')
            {
                segmentStart = i + 1;
            }
        }

        lastHeader = segmentStart < code.Length ? (codeStart + segmentStart, code.Length - segmentStart) : (0, 0);
    }

    // A header is function-like when it ends with a parameter list (and optional return type or clauses). ASCII headers
    // are read as bytes; the name is the only string made, and only for a function.
    private static string? FunctionName(ReadOnlySpan<byte> header)
    {
        if (header.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
        {
            return FunctionName(Encoding.UTF8.GetString(header));
        }

        var paren = header.IndexOf((byte)'(');
        if (paren <= 0 || header.Contains((byte)'=') && header.IndexOf("=>"u8) < 0)
        {
            return null;
        }

        var before = header[..paren].TrimEnd(AsciiSpace);
        var start = before.Length;
        while (start > 0 && (char.IsAsciiLetterOrDigit((char)before[start - 1]) || before[start - 1] is (byte)'_' or (byte)'$'))
        {
            start--;
        }

        var name = before[start..];
        var first = header.TrimStart(AsciiSpace);
        var end = first.IndexOfAny((byte)' ', (byte)'(');
        first = end < 0 ? first : first[..end];
        if (name.Length == 0 || IsNotFunction(name) || IsNotFunction(first)
            || first.SequenceEqual("class"u8) || first.SequenceEqual("struct"u8) || first.SequenceEqual("interface"u8)
            || first.SequenceEqual("enum"u8) || first.SequenceEqual("record"u8) || first.SequenceEqual("namespace"u8))
        {
            return null;
        }

        return Encoding.ASCII.GetString(name);
    }

    private static bool IsNotFunction(ReadOnlySpan<byte> word)
    {
        if (word.Length > 16)
        {
            return false;
        }

        Span<char> chars = stackalloc char[16];
        for (var k = 0; k < word.Length; k++)
        {
            chars[k] = (char)word[k];
        }

        return NotFunctionLookup.Contains(chars[..word.Length]);
    }

    private static string? FunctionName(string header)
    {
        var paren = header.IndexOf('(');
        if (paren <= 0 || header.Contains('=', StringComparison.Ordinal) && !header.Contains("=>", StringComparison.Ordinal))
        {
            return null;
        }

        var before = header[..paren].TrimEnd();
        var start = before.Length;
        while (start > 0 && (char.IsLetterOrDigit(before[start - 1]) || before[start - 1] is '_' or '$'))
        {
            start--;
        }

        var name = before[start..];
        var first = header.TrimStart().Split(' ', '(')[0];
        if (name.Length == 0 || NotFunctions.Contains(name) || NotFunctions.Contains(first) || first is "class" or "struct" or "interface" or "enum" or "record" or "namespace")
        {
            return null;
        }

        return name;
    }

    private static bool IsOnlyPunctuation(ReadOnlySpan<byte> code)
    {
        foreach (var b in code)
        {
            if (IsWord(b))
            {
                return false;
            }
        }

        return true;
    }

    private static ulong Fnv(ReadOnlySpan<byte> code)
    {
        var h = 14695981039346656037UL;
        var space = false;
        foreach (var b in code)
        {
            if (b is (byte)' ' or (byte)'\t')
            {
                space = true;
                continue;
            }

            if (space)
            {
                h = (h ^ ' ') * 1099511628211UL;
                space = false;
            }

            h = (h ^ b) * 1099511628211UL;
        }

        return h;
    }

    // '@' starts SCSS directives and '-' PowerShell operators (-and, -or).
    private static bool IsWordStart(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or (byte)'_' or (byte)'@' or (byte)'-';

    private static bool IsWord(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'_' or >= 0x80;

    /// <summary>The lists a scan fills, reused across the files of one work item so scanning allocates little per file.</summary>
    public sealed class Buffers
    {
        internal List<(string Word, int Line, string Text)> Markers { get; } = [];

        internal List<(string Name, int Line, int Lines)> Functions { get; } = [];

        internal List<(long Hash, int Line)> Windows { get; } = [];

        internal Stack<(string Name, int Line, int Depth)> Open { get; } = new();

        internal Stack<(string Name, int Line, int Indent)> PyDefs { get; } = new();

        internal List<(ulong Hash, int Line)> LineHashes { get; } = [];

        internal NoteSet Notes { get; } = new();

        internal void Clear()
        {
            Markers.Clear();
            Functions.Clear();
            Windows.Clear();
            Open.Clear();
            PyDefs.Clear();
            LineHashes.Clear();
        }

        /// <summary>Marker notes already made, up to a bound, so a repeated note is one string.</summary>
        internal sealed class NoteSet
        {
            /// <summary>At most this many distinct notes are kept per item.</summary>
            internal const int Limit = 4096;
            private readonly HashSet<string> _notes = new(StringComparer.Ordinal);
            private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

            public NoteSet() => _lookup = _notes.GetAlternateLookup<ReadOnlySpan<char>>();

            public string Get(ReadOnlySpan<char> note)
            {
                if (_lookup.TryGetValue(note, out var known))
                {
                    return known;
                }

                var made = new string(note);
                if (_notes.Count < Limit)
                {
                    _notes.Add(made);
                }

                return made;
            }
        }
    }

    /// <summary>What the scan found in one file.</summary>
    /// <param name="Complexity">Branch tokens.</param>
    /// <param name="Markers">Debt markers: word, line, text.</param>
    /// <param name="Functions">Functions: name, first line, length in lines.</param>
    /// <param name="Windows">Sampled window hashes with their first line.</param>
    public sealed record Result(
        int Complexity,
        IReadOnlyList<(string Word, int Line, string Text)> Markers,
        IReadOnlyList<(string Name, int Line, int Lines)> Functions,
        IReadOnlyList<(long Hash, int Line)> Windows);
}
