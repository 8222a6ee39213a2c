using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.Docs;

/// <summary>The rules the docs command checks, with stable ids. MD rules keep markdownlint's ids and meanings.</summary>
public static class DocsRules
{
    /// <summary>A relative link's target file or folder does not exist.</summary>
    public const string BrokenRelativeLink = "DOC001";

    /// <summary>A #fragment does not match a heading (GitHub slug) or an HTML id in the target document.</summary>
    public const string BrokenAnchor = "DOC002";

    /// <summary>An image target does not exist.</summary>
    public const string MissingImage = "DOC003";

    /// <summary>An external link failed (only with checkExternal).</summary>
    public const string BrokenExternalLink = "DOC010";

    /// <summary>A README has no H1.</summary>
    public const string ReadmeWithoutTitle = "DOC030";

    /// <summary>The root README lacks a required section.</summary>
    public const string ReadmeMissingSection = "DOC031";

    /// <summary>A public symbol has no doc comment.</summary>
    public const string UndocumentedSymbol = "DOC040";

    /// <summary>A project's doc-comment coverage is below the minimum.</summary>
    public const string CoverageBelowMinimum = "DOC041";

    /// <summary>A path mentioned in CLAUDE.md/AGENTS.md does not exist.</summary>
    public const string InstructionPathMissing = "DOC050";

    /// <summary>A script or make target mentioned in CLAUDE.md/AGENTS.md does not exist.</summary>
    public const string InstructionScriptMissing = "DOC051";

    /// <summary>An OpenAPI document does not parse.</summary>
    public const string OpenApiUnreadable = "DOC060";

    /// <summary>An OpenAPI document parses but fails validation.</summary>
    public const string OpenApiInvalid = "DOC061";

    /// <summary>A file is not valid UTF-8.</summary>
    public const string NotUtf8 = "DOC090";

    /// <summary>A file is larger than maxFileBytes.</summary>
    public const string FileTooLarge = "DOC091";

    /// <summary>A documentation file is binary.</summary>
    public const string BinaryFile = "DOC092";

    /// <summary>A file could not be read or parsed at all.</summary>
    public const string Unreadable = "DOC093";

    /// <summary>Every rule, for SARIF and the rule table.</summary>
    public static IReadOnlyList<RuleDescriptor> All { get; } =
    [
        new(BrokenRelativeLink, "BrokenRelativeLink", "Relative links resolve to a file or folder in the workspace.", Severity.Medium),
        new(BrokenAnchor, "BrokenAnchor", "#anchors resolve to a heading (GitHub slug rules) or an HTML id/name in the target document.", Severity.Low),
        new(MissingImage, "MissingImage", "Image targets exist in the workspace.", Severity.Medium),
        new(BrokenExternalLink, "BrokenExternalLink", "External http(s) links answer with a success status (checked only when checkExternal is set).", Severity.Low),
        new("MD001", "HeadingIncrement", "Heading levels should only increment by one level at a time (markdownlint MD001).", Severity.Low, "https://github.com/DavidAnson/markdownlint/blob/main/doc/md001.md"),
        new("MD009", "NoTrailingSpaces", "No trailing spaces, except exactly two for a line break (markdownlint MD009).", Severity.Info, "https://github.com/DavidAnson/markdownlint/blob/main/doc/md009.md"),
        new("MD013", "LineLength", "Lines are at most lineLength characters unless nothing but one word overflows (markdownlint MD013).", Severity.Info, "https://github.com/DavidAnson/markdownlint/blob/main/doc/md013.md"),
        new("MD024", "NoDuplicateHeading", "No two headings with the same content (markdownlint MD024).", Severity.Low, "https://github.com/DavidAnson/markdownlint/blob/main/doc/md024.md"),
        new("MD025", "SingleTitle", "One top-level heading per document (markdownlint MD025).", Severity.Low, "https://github.com/DavidAnson/markdownlint/blob/main/doc/md025.md"),
        new("MD034", "NoBareUrls", "URLs are written as links or in angle brackets, not bare (markdownlint MD034).", Severity.Info, "https://github.com/DavidAnson/markdownlint/blob/main/doc/md034.md"),
        new("MD040", "FencedCodeLanguage", "Fenced code blocks name a language (markdownlint MD040).", Severity.Info, "https://github.com/DavidAnson/markdownlint/blob/main/doc/md040.md"),
        new("MD041", "FirstLineHeading", "The first line is a top-level heading (markdownlint MD041).", Severity.Low, "https://github.com/DavidAnson/markdownlint/blob/main/doc/md041.md"),
        new("MD047", "SingleTrailingNewline", "Files end with a single newline character (markdownlint MD047).", Severity.Info, "https://github.com/DavidAnson/markdownlint/blob/main/doc/md047.md"),
        new(ReadmeWithoutTitle, "ReadmeWithoutTitle", "A README starts with an H1 naming the project.", Severity.Medium),
        new(ReadmeMissingSection, "ReadmeMissingSection", "The root README has the required sections (default: install/quick start, usage).", Severity.Medium),
        new(UndocumentedSymbol, "UndocumentedPublicSymbol", "Public types and members carry a doc comment (C# XML docs, Python docstrings, JSDoc, Go doc comments).", Severity.Info),
        new(CoverageBelowMinimum, "DocCoverageBelowMinimum", "A project's share of documented public symbols is at least minDocCoverage.", Severity.Low),
        new(InstructionPathMissing, "InstructionPathMissing", "Paths and project files that CLAUDE.md/AGENTS.md mention exist.", Severity.Medium),
        new(InstructionScriptMissing, "InstructionScriptMissing", "npm scripts and make targets that CLAUDE.md/AGENTS.md mention exist.", Severity.Medium),
        new(OpenApiUnreadable, "OpenApiUnreadable", "OpenAPI documents parse (Microsoft.OpenApi reader).", Severity.High),
        new(OpenApiInvalid, "OpenApiInvalid", "OpenAPI documents pass the reader's default validation rules.", Severity.Medium),
        new(NotUtf8, "NotUtf8", "Documentation files are valid UTF-8.", Severity.Low),
        new(FileTooLarge, "FileTooLarge", "Documentation files are at most maxFileBytes; larger ones are not analysed.", Severity.Low),
        new(BinaryFile, "BinaryFile", "Documentation files are text.", Severity.Low),
        new(Unreadable, "Unreadable", "Documentation files can be read and parsed.", Severity.Medium),
    ];
}
