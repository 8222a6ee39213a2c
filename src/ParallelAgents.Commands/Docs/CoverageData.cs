namespace ParallelAgents.Commands.Docs;

/// <summary>Doc-comment coverage of one project in one language.</summary>
/// <param name="Project">Project folder (workspace-relative, "." for the root).</param>
/// <param name="Language">csharp, python, javascript (JS and TS) or go.</param>
/// <param name="Files">Source files read.</param>
/// <param name="Symbols">Public types and members found.</param>
/// <param name="Documented">Of those, the ones with a doc comment.</param>
public sealed record CoverageData(string Project, string Language, int Files, int Symbols, int Documented)
{
    /// <summary>Documented share, 1 when there is nothing public.</summary>
    public double Ratio => Symbols == 0 ? 1 : (double)Documented / Symbols;
}
