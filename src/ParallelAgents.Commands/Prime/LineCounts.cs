namespace ParallelAgents.Commands.Prime;

/// <summary>Physical line counts of one file, classified the way cloc classifies them.</summary>
/// <param name="Code">Lines with code.</param>
/// <param name="Comment">Lines holding only comments.</param>
/// <param name="Blank">Lines holding only white space.</param>
public readonly record struct LineCounts(int Code, int Comment, int Blank)
{
    /// <summary>All lines.</summary>
    public int Total => Code + Comment + Blank;
}
