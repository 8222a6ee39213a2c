namespace ParallelAgents.Commands.Prime;

/// <content>The scanner for C-style comments.</content>
public static partial class LineCounter
{
    /// <summary>
    /// Replays cloc's removal of <c>//...\n</c> and <c>/*...*/</c> over the non-blank lines joined together and counts the
    /// non-blank pieces left: a block comment that ends on a line with code merges that line into the one it started
    /// on, an opener with no closer anywhere after it is not a comment, and markers inside strings are not special.
    /// </summary>
    /// <param name="Lines">The lines; blank ones are marked.</param>
    /// <param name="Slash2">Whether <c>//</c> starts a line comment (cloc's C++ filter) or not (its C filter).</param>
    /// <param name="Doubled">cloc's C++ filter joins lines with an extra newline unless a line ends with a backslash.</param>
    /// <param name="DropPrefix">Pieces starting with this (after white space) are comments too.</param>
    /// <param name="Continuation">A blank piece after a piece ending in a backslash is kept (and counted as code).</param>
    private readonly record struct BlockScanner(LineList Lines, bool Slash2, bool Doubled, byte[]? DropPrefix, bool Continuation)
    {
        public int Run()
        {
            var code = 0;
            var inBlock = false;
            var pieceStart = new List<byte>(8);
            var pieceHasCode = false;
            var pieceLast = (byte)0;
            var previousEndsWithBackslash = false;
            var closerSearchedFrom = -1;
            var closerLine = -1;
            for (var i = 0; i < Lines.Count; i++)
            {
                if (Lines.IsBlank(i))
                {
                    continue;
                }

                var line = Lines.Line(i);
                var p = 0;
                if (inBlock)
                {
                    var close = line.IndexOf("*/"u8);
                    if (close < 0)
                    {
                        continue;
                    }

                    p = close + 2;
                    inBlock = false;
                }

                var lineCommentAteNewline = false;
                while (p < line.Length)
                {
                    var c = line[p];
                    if (c == (byte)'/' && p + 1 < line.Length)
                    {
                        var n = line[p + 1];
                        if (n == (byte)'/' && Slash2)
                        {
                            lineCommentAteNewline = true;
                            p = line.Length;
                            break;
                        }

                        if (n == (byte)'*')
                        {
                            var close = line[(p + 2)..].IndexOf("*/"u8);
                            if (close >= 0)
                            {
                                p += 2 + close + 2;
                                continue;
                            }

                            if (HasCloserAfter(i, ref closerSearchedFrom, ref closerLine))
                            {
                                inBlock = true;
                                break;
                            }
                        }
                    }

                    pieceLast = c;
                    if (!pieceHasCode && !IsSpace(c))
                    {
                        pieceHasCode = true;
                        if (DropPrefix is not null)
                        {
                            pieceStart.Clear();
                            pieceStart.AddRange(line.Slice(p, Math.Min(DropPrefix.Length, line.Length - p)));
                        }
                    }

                    p++;
                }

                if (inBlock)
                {
                    continue;
                }

                // The joined text has "\n" after each line (plus one more in the C++ filter unless the line ends
                // with a backslash); a line comment eats the first one.
                var newlines = (lineCommentAteNewline ? 0 : 1) + (Doubled && !EndsWithBackslash(line) ? 1 : 0);
                for (var k = 0; k < newlines; k++)
                {
                    if (pieceHasCode ? !Dropped(pieceStart) : Continuation && previousEndsWithBackslash)
                    {
                        code++;
                    }

                    previousEndsWithBackslash = pieceLast == (byte)'\\';
                    pieceHasCode = false;
                    pieceLast = 0;
                }
            }

            if (pieceHasCode && !Dropped(pieceStart))
            {
                code++;
            }

            return code;
        }

        private bool Dropped(List<byte> start) =>
            DropPrefix is not null && start.Count >= DropPrefix.Length && System.Linq.Enumerable.SequenceEqual(start, DropPrefix);

        // Is there a "*/" on a later non-blank line? Searched once forward and remembered, so the scan stays linear.
        private bool HasCloserAfter(int line, ref int searchedFrom, ref int found)
        {
            if (found > line)
            {
                return true;
            }

            if (searchedFrom >= 0 && found < 0 && searchedFrom <= line)
            {
                return false;
            }

            found = -1;
            for (var j = line + 1; j < Lines.Count; j++)
            {
                if (!Lines.IsBlank(j) && Lines.Line(j).IndexOf("*/"u8) >= 0)
                {
                    found = j;
                    break;
                }
            }

            searchedFrom = line;
            return found >= 0;
        }
    }
}
