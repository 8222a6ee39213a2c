namespace ParallelAgents.Commands.Docs;

/// <summary>Replace <paramref name="DeleteCount"/> lines from 0-based <paramref name="Start"/> with <paramref name="Insert"/> (each with its terminator).</summary>
/// <param name="Start">First line replaced (0-based).</param>
/// <param name="DeleteCount">Lines removed.</param>
/// <param name="Insert">Lines put in their place, each ending with its newline (except a last line without one).</param>
public sealed record LineEdit(int Start, int DeleteCount, IReadOnlyList<string> Insert);
