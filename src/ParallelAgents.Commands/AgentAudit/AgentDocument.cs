namespace ParallelAgents.Commands.AgentAudit;

/// <summary>A definition file split into YAML frontmatter entries (in file order) and a Markdown body.</summary>
/// <param name="Lines">The file's lines without line terminators.</param>
/// <param name="Entries">Top-level frontmatter keys in file order.</param>
/// <param name="ClosingLineIndex">0-based index of the closing <c>---</c> line.</param>
/// <param name="EndsWithNewline">Whether the file ends with a line terminator.</param>
internal sealed record AgentDocument(IReadOnlyList<string> Lines, IReadOnlyList<FrontmatterEntry> Entries, int ClosingLineIndex, bool EndsWithNewline)
{
    /// <summary>0-based index of the first body line.</summary>
    public int BodyStartIndex => ClosingLineIndex + 1;

    /// <summary>The body text.</summary>
    public string Body => string.Join('\n', Lines.Skip(BodyStartIndex));

    /// <summary>The first entry with this key, or null.</summary>
    public FrontmatterEntry? Get(string key) => Entries.FirstOrDefault(e => e.Key == key);

    /// <summary>The scalar value of a key, or null.</summary>
    public string? Scalar(string key) => Get(key)?.Scalar;

    /// <summary>Lines of the body between its first and last non-blank line.</summary>
    public int BodyLineCount
    {
        get
        {
            var first = -1;
            var last = -1;
            for (var i = BodyStartIndex; i < Lines.Count; i++)
            {
                if (!string.IsNullOrWhiteSpace(Lines[i]))
                {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }

            return first < 0 ? 0 : last - first + 1;
        }
    }
}
