namespace ParallelAgents.Commands.Docs;

/// <summary>A link or image target found in a Markdown document.</summary>
/// <param name="Target">The destination as written (reference links resolved to their definition).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Image">True for images.</param>
/// <param name="Html">True when it came from an HTML tag (a href, img src).</param>
public sealed record DocLink(string Target, int Line, bool Image, bool Html);
