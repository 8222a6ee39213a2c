using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.Docs;

/// <summary>
/// Resolves relative links, images and #anchors of analysed documents against the workspace. Cross-file, so it runs
/// in aggregation; also used to check the links a proposed patch set touches.
/// </summary>
public sealed class LinkChecker
{
    private readonly Func<string, bool> _exists;
    private readonly Func<string, bool> _isDirectory;
    private readonly Func<string, DocumentData?> _document;
    private readonly Dictionary<string, HashSet<string>> _anchors = new(StringComparer.Ordinal);

    /// <summary>Creates a checker over a view of the workspace.</summary>
    /// <param name="exists">True when a workspace-relative file or folder exists.</param>
    /// <param name="isDirectory">True when a workspace-relative path is a folder.</param>
    /// <param name="document">The analysed document at a path, if any.</param>
    public LinkChecker(Func<string, bool> exists, Func<string, bool> isDirectory, Func<string, DocumentData?> document)
    {
        _exists = exists;
        _isDirectory = isDirectory;
        _document = document;
    }

    /// <summary>Findings for every broken relative link, image and anchor of <paramref name="document"/>.</summary>
    public IEnumerable<Finding> Check(DocumentData document)
    {
        foreach (var link in document.Links)
        {
            var finding = Check(document, link);
            if (finding is not null)
            {
                yield return finding;
            }
        }
    }

    /// <summary>The finding for one link, or null when it resolves (or is not checked here).</summary>
    public Finding? Check(DocumentData document, DocLink link)
    {
        var target = LinkTarget.Parse(link.Target);
        var properties = new Dictionary<string, string> { ["target"] = link.Target };
        switch (target.Kind)
        {
            case LinkKind.Anchor:
                if (string.IsNullOrEmpty(target.Fragment) || HasAnchor(document, target.Fragment))
                {
                    return null;
                }

                return new(DocsRules.BrokenAnchor, Severity.Low, $"Anchor '#{target.Fragment}' matches no heading in this document; link to an existing heading's slug (e.g. '#{Suggest(document)}').", document.Path, link.Line, Properties: properties);
            case LinkKind.Relative:
                var resolved = LinkTarget.Resolve(document.Path, target.Path);
                if (resolved is null || !_exists(resolved))
                {
                    var what = resolved is null ? "leaves the workspace" : $"points to '{resolved}', which does not exist";
                    return link.Image
                        ? new(DocsRules.MissingImage, Severity.Medium, $"Image '{link.Target}' {what}; fix the path or add the image.", document.Path, link.Line, Properties: properties)
                        : new(DocsRules.BrokenRelativeLink, Severity.Medium, $"Link '{link.Target}' {what}; fix the path.", document.Path, link.Line, Properties: properties);
                }

                if (!string.IsNullOrEmpty(target.Fragment) && !_isDirectory(resolved) && DocumentTypes.IsMarkdown(resolved))
                {
                    var other = _document(resolved);
                    if (other is { Analysed: true } && !HasAnchor(other, target.Fragment))
                    {
                        return new(DocsRules.BrokenAnchor, Severity.Low, $"Anchor '#{target.Fragment}' matches no heading in '{resolved}'; link to an existing heading's slug.", document.Path, link.Line, Properties: properties);
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>True when the document has a heading slug or HTML id/name equal to <paramref name="fragment"/>.</summary>
    public bool HasAnchor(DocumentData document, string fragment)
    {
        if (!_anchors.TryGetValue(document.Path, out var set) || !ReferenceEquals(_document(document.Path), document))
        {
            set = new HashSet<string>(document.Headings.Select(h => h.Slug).Concat(document.HtmlAnchors), StringComparer.Ordinal);
            _anchors[document.Path] = set;
        }

        return set.Contains(fragment);
    }

    private static string Suggest(DocumentData document) => document.Headings.FirstOrDefault()?.Slug ?? "heading";
}
