using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.Docs;

/// <summary>
/// Parses one Markdown document with Markdig (precise source locations) and extracts headings, anchors and links,
/// and runs the markdownlint subset (MD001, MD009, MD013, MD024, MD025, MD034, MD040, MD041, MD047).
/// </summary>
public static partial class MarkdownInspector
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .Build();

    /// <summary>The Markdig pipeline used for every document.</summary>
    public static MarkdownPipeline MarkdigPipeline => Pipeline;

    /// <summary>Analyses <paramref name="text"/>; lint findings go to <paramref name="findings"/>.</summary>
    public static DocumentData Inspect(string path, string type, long bytes, string text, int lineLength, List<Finding> findings)
    {
        var document = Markdown.Parse(text, Pipeline);
        var lines = SplitLines(text);
        var frontMatter = document.Descendants<YamlFrontMatterBlock>().FirstOrDefault();
        var frontMatterTitle = frontMatter is not null && FrontMatterTitle().IsMatch(frontMatter.Lines.ToString());
        var exempt = new bool[lines.Count + 1];
        var codeLines = new bool[lines.Count + 1];
        var lineStarts = LineStarts(text);
        if (frontMatter is not null)
        {
            MarkRange(exempt, frontMatter.Line, LineOf(lineStarts, frontMatter.Span.End));
        }

        foreach (var code in document.Descendants<CodeBlock>())
        {
            MarkRange(codeLines, code.Line, LineOf(lineStarts, code.Span.End));
        }

        var headings = new List<DocHeading>();
        var slugger = new GitHubSlugger();
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var plain = PlainText(heading.Inline).Trim();
            headings.Add(new DocHeading(heading.Level, plain, slugger.Slug(plain), heading.Line + 1));
        }

        var links = new List<DocLink>();
        var htmlAnchors = new List<string>();
        foreach (var inline in document.Descendants<Inline>())
        {
            switch (inline)
            {
                case LinkInline link when link.Url is not null:
                    links.Add(new DocLink(link.Url, link.Line + 1, link.IsImage, false));
                    break;
                case HtmlInline html:
                    ExtractHtml(html.Tag, html.Line + 1, links, htmlAnchors);
                    break;
                default:
                    break;
            }
        }

        foreach (var html in document.Descendants<HtmlBlock>())
        {
            var blockLines = html.Lines.Lines;
            for (var i = 0; i < html.Lines.Count; i++)
            {
                ExtractHtml(blockLines[i].Slice.ToString(), html.Line + 1 + i, links, htmlAnchors);
            }
        }

        links.Sort((a, b) => a.Line.CompareTo(b.Line));
        Lint(path, document, text, lines, exempt, codeLines, headings, frontMatterTitle, lineLength, findings);

        var title = headings.FirstOrDefault(h => h.Level == 1)?.Text;
        var hasToc = headings.Any(h => TocHeading().IsMatch(h.Text)) || text.Contains("<!-- toc", StringComparison.OrdinalIgnoreCase);
        var first = FirstContentBlock(document);
        var firstLineH1 = first is HeadingBlock { Level: 1 } && frontMatter is null;
        return new DocumentData(path, type, bytes, true, headings, htmlAnchors.Distinct(StringComparer.Ordinal).ToArray(), links, title, hasToc, firstLineH1);
    }

    /// <summary>The plain text of an inline container, as GitHub uses for anchors.</summary>
    public static string PlainText(ContainerInline? container)
    {
        var builder = new StringBuilder();
        AppendText(container, builder);
        return builder.ToString();
    }

    /// <summary>Splits into lines without their terminators ('\r' removed).</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0 && text.EndsWith('\n'))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static void Lint(
        string path, MarkdownDocument document, string text, List<string> lines, bool[] exempt, bool[] codeLines,
        List<DocHeading> headings, bool frontMatterTitle, int lineLength, List<Finding> findings)
    {
        // MD001: heading levels only increment by one.
        for (var i = 1; i < headings.Count; i++)
        {
            if (headings[i].Level > headings[i - 1].Level + 1)
            {
                findings.Add(new("MD001", Severity.Low, $"Heading '{headings[i].Text}' jumps from level {headings[i - 1].Level} to {headings[i].Level}; use level {headings[i - 1].Level + 1}.", path, headings[i].Line));
            }
        }

        // MD024: no duplicate heading content.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var heading in headings)
        {
            if (!seen.Add(heading.Text))
            {
                findings.Add(new("MD024", Severity.Low, $"Heading '{heading.Text}' repeats an earlier heading; make it distinct.", path, heading.Line));
            }
        }

        // MD025: one top-level heading (a front matter title counts as one).
        var h1s = headings.Where(h => h.Level == 1).ToArray();
        foreach (var extra in h1s.Skip(frontMatterTitle ? 0 : 1))
        {
            findings.Add(new("MD025", Severity.Low, $"Second top-level heading '{extra.Text}'; keep one H1 per document and demote this one.", path, extra.Line));
        }

        // MD040: fenced code blocks name a language.
        foreach (var fenced in document.Descendants<FencedCodeBlock>())
        {
            if (string.IsNullOrWhiteSpace(fenced.Info))
            {
                findings.Add(new("MD040", Severity.Info, "Fenced code block without a language; add one after the opening fence (e.g. ```bash).", path, fenced.Line + 1));
            }
        }

        // MD041: the first line is a top-level heading.
        if (!frontMatterTitle)
        {
            var first = FirstContentBlock(document);
            var ok = first is null || first is HeadingBlock { Level: 1 }
                || (first is HtmlBlock html && html.Lines.ToString().TrimStart().StartsWith("<h1", StringComparison.OrdinalIgnoreCase));
            if (!ok)
            {
                findings.Add(new("MD041", Severity.Low, "The document does not start with a top-level heading; begin it with '# Title'.", path, first!.Line + 1));
            }
        }

        // MD034: bare URLs in text.
        foreach (var literal in document.Descendants<LiteralInline>())
        {
            if (HasLinkAncestor(literal))
            {
                continue;
            }

            var content = literal.Content.ToString();
            foreach (Match match in BareUrl().Matches(content))
            {
                findings.Add(new("MD034", Severity.Info, $"Bare URL '{Shorten(match.Value)}'; wrap it in <...> or write it as a [link](...).", path, literal.Line + 1));
            }
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var number = i + 1;
            if (exempt[number])
            {
                continue;
            }

            // MD009: trailing spaces, except exactly two (a hard line break); code blocks keep their text.
            if (!codeLines[number] && line.Length > 0 && (line[^1] == ' ' || line[^1] == '\t'))
            {
                var trailing = line.Length - line.TrimEnd(' ', '\t').Length;
                var isBreak = trailing == 2 && line.EndsWith("  ", StringComparison.Ordinal) && line.Trim().Length > 0;
                if (!isBreak)
                {
                    findings.Add(new("MD009", Severity.Info, $"{trailing} trailing space(s); remove them (exactly two make a line break).", path, number));
                }
            }

            // MD013: line length, unless nothing but one word overflows, and not for reference definitions.
            if (line.Length > lineLength && line[lineLength..].Any(char.IsWhiteSpace) && !ReferenceDefinition().IsMatch(line))
            {
                findings.Add(new("MD013", Severity.Info, $"Line is {line.Length} characters; wrap it at {lineLength}.", path, number));
            }
        }

        // MD047: a single trailing newline.
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            findings.Add(new("MD047", Severity.Info, "The file does not end with a newline; add one.", path, Math.Max(1, lines.Count)));
        }
    }

    private static Block? FirstContentBlock(MarkdownDocument document) =>
        document.FirstOrDefault(b => b is not YamlFrontMatterBlock && !(b is HtmlBlock h && h.Lines.ToString().TrimStart().StartsWith("<!--", StringComparison.Ordinal))
            && b is not LinkReferenceDefinitionGroup);

    private static bool HasLinkAncestor(Inline inline)
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is LinkInline)
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendText(Inline? inline, StringBuilder builder)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                builder.Append(literal.Content.ToString());
                return;
            case CodeInline code:
                builder.Append(code.Content);
                return;
            case HtmlEntityInline entity:
                builder.Append(entity.Transcoded.ToString());
                return;
            case LineBreakInline:
                builder.Append(' ');
                return;
            case AutolinkInline autolink:
                builder.Append(autolink.Url);
                return;
            case ContainerInline container:
                foreach (var child in container)
                {
                    AppendText(child, builder);
                }

                return;
            default:
                return;
        }
    }

    private static void ExtractHtml(string html, int line, List<DocLink> links, List<string> anchors)
    {
        if (html.StartsWith("<!--", StringComparison.Ordinal))
        {
            return;
        }

        foreach (Match match in HtmlHref().Matches(html))
        {
            links.Add(new DocLink(System.Net.WebUtility.HtmlDecode(match.Groups["url"].Value), line, false, true));
        }

        foreach (Match match in HtmlSrc().Matches(html))
        {
            links.Add(new DocLink(System.Net.WebUtility.HtmlDecode(match.Groups["url"].Value), line, true, true));
        }

        foreach (Match match in HtmlId().Matches(html))
        {
            anchors.Add(match.Groups["id"].Value);
        }
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";

    private static void MarkRange(bool[] marks, int zeroBasedStart, int zeroBasedEnd)
    {
        for (var i = Math.Max(0, zeroBasedStart); i <= zeroBasedEnd && i + 1 < marks.Length; i++)
        {
            marks[i + 1] = true;
        }
    }

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int LineOf(List<int> starts, int offset)
    {
        var index = starts.BinarySearch(Math.Max(0, offset));
        return index >= 0 ? index : ~index - 1;
    }

    [GeneratedRegex(@"^title\s*:", RegexOptions.Multiline)]
    private static partial Regex FrontMatterTitle();

    [GeneratedRegex(@"^(table of )?contents$|^toc$", RegexOptions.IgnoreCase)]
    private static partial Regex TocHeading();

    [GeneratedRegex(@"https?://[^\s<>()\[\]`]+")]
    private static partial Regex BareUrl();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*\S+")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"<a\s[^>]*?href\s*=\s*[""'](?<url>[^""']*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlHref();

    [GeneratedRegex(@"<img\s[^>]*?src\s*=\s*[""'](?<url>[^""']*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlSrc();

    [GeneratedRegex(@"<[a-z][a-z0-9]*\s[^>]*?\b(?:id|name)\s*=\s*[""'](?<id>[^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlId();
}
