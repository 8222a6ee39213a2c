namespace ParallelAgents.Commands.Prime;

/// <summary>One file of a workspace's index.</summary>
/// <param name="Path">Workspace-relative path with forward slashes.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Language">cloc name of its language, or null when prime does not count it.</param>
/// <param name="SkipReason">Why the file is not analysed, when that is known without reading it (size, link...).</param>
public sealed record IndexedFile(string Path, long Size, string? Language, string? SkipReason);
