namespace ParallelAgents.Commands.Docs;

/// <summary>One file of a patch set and what is changed in it.</summary>
/// <param name="Path">Workspace-relative path.</param>
/// <param name="Kinds">toc, link-fix, docs-index.</param>
public sealed record PatchFile(string Path, IReadOnlyList<string> Kinds);
