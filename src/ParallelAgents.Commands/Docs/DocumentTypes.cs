namespace ParallelAgents.Commands.Docs;

/// <summary>The document types the docs command partitions by, and how a path is classified.</summary>
public static class DocumentTypes
{
    /// <summary>README files.</summary>
    public const string Readme = "readme";

    /// <summary>Agent instructions: CLAUDE.md, AGENTS.md.</summary>
    public const string AgentInstructions = "agent-instructions";

    /// <summary>OpenAPI/Swagger files and docs/api/**.</summary>
    public const string Api = "api";

    /// <summary>docs/architecture/**, ADRs.</summary>
    public const string Architecture = "architecture";

    /// <summary>The rest of docs/** and other Markdown.</summary>
    public const string Guides = "guides";

    /// <summary>Doc-comment coverage of public symbols.</summary>
    public const string CodeDocs = "code-docs";

    /// <summary>Every type, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Readme, AgentInstructions, Api, Architecture, Guides, CodeDocs];

    /// <summary>True for Markdown file names.</summary>
    public static bool IsMarkdown(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for file names that look like OpenAPI/Swagger documents by name alone.</summary>
    public static bool IsOpenApiName(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (!HasSpecExtension(name))
        {
            return false;
        }

        var stem = name[..name.LastIndexOf('.')];
        return stem is "openapi" or "swagger" || stem.EndsWith(".openapi", StringComparison.Ordinal) || stem.EndsWith(".swagger", StringComparison.Ordinal)
            || stem.StartsWith("openapi", StringComparison.Ordinal) || stem.StartsWith("swagger", StringComparison.Ordinal);
    }

    /// <summary>True for JSON and YAML extensions.</summary>
    public static bool HasSpecExtension(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the path lies in an API docs folder (docs/api/**, api/**).</summary>
    public static bool IsInApiFolder(string path)
    {
        var lower = path.ToLowerInvariant();
        return lower.StartsWith("docs/api/", StringComparison.Ordinal) || lower.StartsWith("api/", StringComparison.Ordinal) || lower.Contains("/docs/api/", StringComparison.Ordinal);
    }

    /// <summary>The document type of a Markdown file.</summary>
    public static string ClassifyMarkdown(string path)
    {
        var name = Path.GetFileName(path);
        var lower = path.ToLowerInvariant();
        if (name.Equals("CLAUDE.md", StringComparison.OrdinalIgnoreCase) || name.Equals("AGENTS.md", StringComparison.OrdinalIgnoreCase)
            || name.Equals("CLAUDE.local.md", StringComparison.OrdinalIgnoreCase))
        {
            return AgentInstructions;
        }

        if (name.StartsWith("readme", StringComparison.OrdinalIgnoreCase))
        {
            return Readme;
        }

        if (IsInApiFolder(path))
        {
            return Api;
        }

        if (lower.StartsWith("docs/architecture/", StringComparison.Ordinal) || lower.Contains("/adr/", StringComparison.Ordinal) || lower.StartsWith("adr/", StringComparison.Ordinal)
            || lower.StartsWith("docs/adr", StringComparison.Ordinal) || lower.StartsWith("docs/decisions/", StringComparison.Ordinal)
            || name.Equals("ARCHITECTURE.md", StringComparison.OrdinalIgnoreCase))
        {
            return Architecture;
        }

        return Guides;
    }
}
