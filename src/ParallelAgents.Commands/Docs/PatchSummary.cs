namespace ParallelAgents.Commands.Docs;

/// <summary>The outcome of <c>update</c>: the patch set offered, or why none is.</summary>
/// <param name="Offered">True when the set passed its check (or nothing was needed).</param>
/// <param name="Problems">Why the set was withheld (all or nothing).</param>
/// <param name="Files">Files the set touches.</param>
/// <param name="Diff">The whole set as one unified diff; null when withheld or empty.</param>
public sealed record PatchSummary(bool Offered, IReadOnlyList<string> Problems, IReadOnlyList<PatchFile> Files, string? Diff);
