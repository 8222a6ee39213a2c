namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>Maps character or byte offsets to 1-based line numbers.</summary>
internal sealed class TextLines
{
    private readonly int[] _starts;

    private TextLines(int[] starts) => _starts = starts;

    public static TextLines Of(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return new TextLines([.. starts]);
    }

    public static TextLines Of(ReadOnlySpan<byte> bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return new TextLines([.. starts]);
    }

    public int LineOf(long offset)
    {
        var index = Array.BinarySearch(_starts, (int)Math.Min(offset, int.MaxValue));
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    /// <summary>Splits text into lines without their terminators.</summary>
    public static string[] Split(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
