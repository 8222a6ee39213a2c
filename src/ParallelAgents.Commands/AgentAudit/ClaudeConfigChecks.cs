using System.Globalization;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>The claude-config pack: the stricter convention of large agent collections.</summary>
internal static class ClaudeConfigChecks
{
    /// <summary>Required keys, in their required order.</summary>
    public static IReadOnlyList<string> RequiredOrder { get; } = ["name", "description", "tools", "model", "category", "color"];

    /// <summary>Keys this pack adds to the official format.</summary>
    public static IReadOnlySet<string> ExtraKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { "category", "thinking-level", "thinking-tokens" };

    /// <summary>Keys the convention forbids.</summary>
    public static IReadOnlySet<string> ForbiddenKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "specialization_level", "domain_expertise", "coordination_protocols", "knowledge_base", "escalation_path",
    };

    /// <summary>Category → colour; <c>coordination</c> is an alias of <c>operations</c>.</summary>
    public static IReadOnlyDictionary<string, string> CategoryColors { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["development"] = "blue",
        ["quality"] = "green",
        ["security"] = "red",
        ["architecture"] = "purple",
        ["design"] = "pink",
        ["analysis"] = "yellow",
        ["infrastructure"] = "orange",
        ["operations"] = "cyan",
        ["coordination"] = "cyan",
    };

    /// <summary>The sentence every agent's boundary section carries.</summary>
    public const string OrchestrationSentence = "Only Claude has orchestration authority";

    /// <summary>Heading of the boundary section.</summary>
    public const string BoundaryHeading = "SYSTEM BOUNDARY";

    /// <summary>Required level-2 body sections.</summary>
    public static IReadOnlyList<string> RequiredSections { get; } = ["Identity", "Core Capabilities", "When to Engage", "When NOT to Engage", "Coordination", BoundaryHeading];

    private static readonly string[] Models = ["opus", "sonnet", "haiku"];
    private static readonly string[] Colors = ["blue", "green", "red", "purple", "yellow", "orange", "brown", "cyan", "pink"];
    private static readonly string[] TriggerPhrases = ["MUST BE USED", "Use PROACTIVELY", "Expert", "Specializes"];
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    private static readonly Dictionary<string, int> ThinkingTokens = new(StringComparer.Ordinal)
    {
        ["ultrathink"] = 31999,
        ["megathink"] = 10000,
        ["think harder"] = 8000,
        ["think"] = 4000,
    };

    /// <summary>Runs the pack on an agent file.</summary>
    public static void Run(FileAudit audit)
    {
        var doc = audit.Document;
        foreach (var key in RequiredOrder.Where(k => doc.Get(k) is null))
        {
            audit.Add(AgentRules.RequiredFieldMissing, $"Add the required '{key}' field ({Hint(key)}).", 1);
        }

        CheckOrder(audit);
        CheckValues(audit);
        CheckDescription(audit);
        CheckThinking(audit);
        foreach (var entry in doc.Entries.Where(e => ForbiddenKeys.Contains(e.Key)))
        {
            audit.Add(AgentRules.ForbiddenKey, $"Remove '{entry.Key}': the convention forbids it; say it in the body instead.", entry.Line);
        }

        if (doc.Get("tools") is { } tools && ToolList.From(tools.Value).Grants("Task"))
        {
            audit.Add(AgentRules.TaskTool, "Remove 'Task' from 'tools': agents may not start other agents; only Claude orchestrates.", tools.Line);
        }

        CheckBody(audit);
    }

    private static void CheckOrder(FileAudit audit)
    {
        var keys = audit.Document.Entries.Select(e => e.Key).ToArray();
        var expected = RequiredOrder.Where(keys.Contains).Concat(keys.Where(k => !RequiredOrder.Contains(k))).Distinct(StringComparer.Ordinal).ToArray();
        if (keys.Length != expected.Length)
        {
            return; // Duplicate keys were refused by the parser; nothing sensible to reorder.
        }

        var first = Enumerable.Range(0, keys.Length).FirstOrDefault(i => keys[i] != expected[i], -1);
        if (first >= 0)
        {
            var entry = audit.Document.Entries[first];
            audit.Add(AgentRules.FieldOrder, $"Reorder the frontmatter as {string.Join(", ", RequiredOrder)}, then other keys ('{entry.Key}' is out of place; expected '{expected[first]}').", entry.Line);
            audit.Fixes.KeyOrder = expected;
        }
    }

    private static void CheckValues(FileAudit audit)
    {
        var doc = audit.Document;
        if (doc.Get("model") is { } model && !Models.Contains(model.Scalar, StringComparer.Ordinal))
        {
            audit.Add(AgentRules.ModelNotAllowed, $"Set 'model' to opus, sonnet or haiku (found '{model.Scalar}').", model.Line);
        }

        var color = doc.Get("color");
        if (color is not null && !Colors.Contains(color.Scalar, StringComparer.Ordinal))
        {
            audit.Add(AgentRules.ColorNotAllowed, $"Set 'color' to one of {string.Join(", ", Colors)} (found '{color.Scalar}'{(color.Scalar == "white" ? "; white is not allowed" : "")}).", color.Line);
        }

        var category = doc.Get("category");
        if (category is null)
        {
            return;
        }

        var value = category.Scalar?.Trim().ToLowerInvariant() ?? "";
        if (!CategoryColors.TryGetValue(value, out var expected))
        {
            audit.Add(AgentRules.UnknownCategory, $"Set 'category' to one of {string.Join(", ", CategoryColors.Keys.Where(k => k != "coordination"))} (found '{category.Scalar}'); an unknown category gets a segment of its own.", category.Line);
        }
        else if (color?.Scalar is { } c && Colors.Contains(c, StringComparer.Ordinal) && c != expected)
        {
            audit.Add(AgentRules.ColorCategoryMismatch, $"Set 'color: {expected}': agents of category '{value}' are {expected} (found '{c}').", color.Line);
        }
    }

    private static void CheckDescription(FileAudit audit)
    {
        if (audit.Document.Get("description") is not { Scalar: { } text } entry || string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var description = text.TrimEnd('\n', '\r', ' ');
        if (description.Contains('\n', StringComparison.Ordinal))
        {
            audit.Add(AgentRules.DescriptionMultiline, "Write 'description' on one line (no block scalar with line breaks).", entry.Line);
        }

        if (description.Length > 350)
        {
            audit.Add(AgentRules.DescriptionTooLong, string.Create(CultureInfo.InvariantCulture, $"Shorten 'description' to at most 350 characters (it has {description.Length})."), entry.Line);
        }

        if (!TriggerPhrases.Any(p => description.Contains(p, StringComparison.Ordinal)))
        {
            audit.Add(AgentRules.DescriptionNoTrigger, "Say in 'description' when to use the agent with one of 'MUST BE USED', 'Use PROACTIVELY', 'Expert' or 'Specializes'.", entry.Line);
        }

        if (description.Contains("MUST BE USED", StringComparison.Ordinal) && !description.Contains("Triggers on", StringComparison.Ordinal))
        {
            audit.Add(AgentRules.MustBeUsedWithoutTriggers, "A 'MUST BE USED' description also says 'Triggers on ...' naming what triggers it.", entry.Line);
        }
    }

    private static void CheckThinking(FileAudit audit)
    {
        var level = audit.Document.Get("thinking-level");
        var tokens = audit.Document.Get("thinking-tokens");
        if (level is null && tokens is null)
        {
            return;
        }

        if (level is null || tokens is null)
        {
            var present = level ?? tokens!;
            audit.Add(AgentRules.ThinkingPair, $"'{present.Key}' needs its partner '{(level is null ? "thinking-level" : "thinking-tokens")}' (ultrathink 31999, megathink 10000, think harder 8000, think 4000).", present.Line);
            return;
        }

        if (!ThinkingTokens.TryGetValue(level.Scalar ?? "", out var expected))
        {
            audit.Add(AgentRules.ThinkingPair, $"Set 'thinking-level' to ultrathink, megathink, think harder or think (found '{level.Scalar}').", level.Line);
        }
        else if (tokens.Scalar != expected.ToString(CultureInfo.InvariantCulture))
        {
            audit.Add(AgentRules.ThinkingPair, string.Create(CultureInfo.InvariantCulture, $"Set 'thinking-tokens: {expected}' to match 'thinking-level: {level.Scalar}' (found '{tokens.Scalar}')."), tokens.Line);
        }
    }

    private static void CheckBody(FileAudit audit)
    {
        var doc = audit.Document;
        var markdown = Markdown.Parse(doc.Body, Pipeline);
        var headings = markdown.Descendants<HeadingBlock>()
            .Where(h => h.Level == 2)
            .Select(h => (Text: HeadingText(h), Index: doc.BodyStartIndex + h.Line))
            .ToArray();
        foreach (var section in RequiredSections)
        {
            if (!headings.Any(h => string.Equals(h.Text, section, StringComparison.OrdinalIgnoreCase)))
            {
                audit.Add(AgentRules.MissingSection, $"Add a '## {section}' section to the body.", 1);
                if (section == BoundaryHeading)
                {
                    audit.Fixes.AddBoundarySection = true;
                }
            }
        }

        if (!doc.Body.Contains(OrchestrationSentence, StringComparison.Ordinal))
        {
            var boundary = headings.FirstOrDefault(h => string.Equals(h.Text, BoundaryHeading, StringComparison.OrdinalIgnoreCase));
            var line = boundary.Text is null ? 1 : boundary.Index + 1;
            audit.Add(AgentRules.MissingOrchestrationSentence, $"Add the sentence '{OrchestrationSentence}.' to the '## {BoundaryHeading}' section.", line);
            if (boundary.Text is not null)
            {
                audit.Fixes.BoundaryHeadingIndex = boundary.Index;
            }
        }

        var count = doc.BodyLineCount;
        var (min, max) = (audit.Options.MinBodyLines, audit.Options.MaxBodyLines);
        if (count < min)
        {
            audit.Add(AgentRules.BodyLength, string.Create(CultureInfo.InvariantCulture, $"The body has {count} lines; expand it to at least {min} (options.minBodyLines)."), doc.BodyStartIndex + 1);
        }
        else if (count > max)
        {
            var firstBody = Enumerable.Range(doc.BodyStartIndex, doc.Lines.Count - doc.BodyStartIndex).First(i => !string.IsNullOrWhiteSpace(doc.Lines[i]));
            audit.Add(AgentRules.BodyLength, string.Create(CultureInfo.InvariantCulture, $"The body has {count} lines; cut it to at most {max} (options.maxBodyLines; complex agents may raise it up to 500)."), firstBody + max + 1);
        }
    }

    private static string HeadingText(HeadingBlock heading) =>
        heading.Inline is null ? "" : string.Concat(heading.Inline.Descendants<LiteralInline>().Select(l => l.Content.ToString())).Trim();

    private static string Hint(string key) => key switch
    {
        "name" => "lowercase-hyphenated, equal to the file name",
        "description" => "one line saying when to use the agent",
        "tools" => "comma-separated, e.g. 'Read, Grep, Glob'",
        "model" => "opus, sonnet or haiku",
        "category" => "development, quality, security, architecture, design, analysis, infrastructure or operations",
        "color" => "the category's colour",
        _ => key,
    };
}
