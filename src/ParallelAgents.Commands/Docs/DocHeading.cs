namespace ParallelAgents.Commands.Docs;

/// <summary>A heading of a Markdown document.</summary>
/// <param name="Level">1-6.</param>
/// <param name="Text">Plain text content.</param>
/// <param name="Slug">GitHub anchor, unique within the document.</param>
/// <param name="Line">1-based line.</param>
public sealed record DocHeading(int Level, string Text, string Slug, int Line);
