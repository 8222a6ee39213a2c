namespace ParallelAgents.Commands.Docs;

/// <summary>What one Markdown item learned about its document, carried to aggregation in the item's data.</summary>
/// <param name="Path">Workspace-relative path.</param>
/// <param name="Type">Document type.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Analysed">False when the document was skipped (too large, binary, unreadable).</param>
/// <param name="Headings">Headings in order.</param>
/// <param name="HtmlAnchors">Ids and names of HTML elements, which are anchors too.</param>
/// <param name="Links">Links and images.</param>
/// <param name="Title">Text of the first H1, if any.</param>
/// <param name="HasToc">True when the document already has a table of contents.</param>
/// <param name="FirstLineH1">True when the first content line is an H1 (a table of contents goes after it).</param>
public sealed record DocumentData(
    string Path,
    string Type,
    long Bytes,
    bool Analysed,
    IReadOnlyList<DocHeading> Headings,
    IReadOnlyList<string> HtmlAnchors,
    IReadOnlyList<DocLink> Links,
    string? Title,
    bool HasToc,
    bool FirstLineH1);
