namespace ParallelAgents.Commands.Agent;

/// <summary>Lines <paramref name="StartLine"/> to <paramref name="EndLine"/> (1-based, inclusive) of a workspace file.</summary>
/// <param name="Path">Workspace-relative path.</param>
/// <param name="StartLine">First line.</param>
/// <param name="EndLine">Last line.</param>
/// <param name="Tokens">Estimated tokens.</param>
public sealed record FileSlice(string Path, int StartLine, int EndLine, long Tokens);
