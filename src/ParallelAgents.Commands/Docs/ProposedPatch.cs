namespace ParallelAgents.Commands.Docs;

/// <summary>One file's proposed change, as a unified diff.</summary>
/// <param name="Path">Workspace-relative path.</param>
/// <param name="Kinds">What it does: toc, link-fix, docs-index.</param>
/// <param name="Diff">git-style unified diff, applies with <c>git apply</c> at the workspace root.</param>
public sealed record ProposedPatch(string Path, IReadOnlyList<string> Kinds, string Diff);
