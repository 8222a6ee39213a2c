using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>The claude-code pack: the official subagent frontmatter format and its security pitfalls.</summary>
internal static partial class ClaudeCodeChecks
{
    /// <summary>Keys the official format defines.</summary>
    public static IReadOnlySet<string> KnownKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "description", "tools", "model", "disallowedTools", "permissionMode", "maxTurns", "skills", "mcpServers", "hooks",
        "memory", "background", "effort", "isolation", "color",
    };

    private static readonly string[] ModelAliases = ["sonnet", "opus", "haiku", "inherit"];
    private static readonly string[] PermissionModes = ["default", "acceptEdits", "dontAsk", "bypassPermissions", "plan"];
    private static readonly string[] MemoryScopes = ["user", "project", "local"];

    /// <summary>Runs the pack on an agent file.</summary>
    public static void Run(FileAudit audit)
    {
        var doc = audit.Document;
        var name = doc.Get("name");
        if (name is null || name.IsBlank)
        {
            audit.Add(AgentRules.NameMissing, $"Add 'name: {SuggestName(audit.FileStem)}' to the frontmatter.", name?.Line ?? 1);
        }
        else if (name.Scalar is not { } value || !NamePattern().IsMatch(value))
        {
            audit.Add(AgentRules.NameInvalid, $"Change 'name' to lowercase letters, digits and hyphens, e.g. '{SuggestName(name.Scalar ?? audit.FileStem)}'.", name.Line);
        }
        else if (value != audit.FileStem)
        {
            audit.Add(AgentRules.NameNotFileStem, $"Set 'name: {audit.FileStem}' to match the file name, or rename the file to '{value}.md'.", name.Line);
            if (NamePattern().IsMatch(audit.FileStem))
            {
                audit.Fixes.NewName = audit.FileStem;
            }
        }

        var description = doc.Get("description");
        if (description is null || description.IsBlank || description.Scalar is null)
        {
            audit.Add(AgentRules.DescriptionMissing, "Add a 'description' saying when Claude should delegate to this agent.", description?.Line ?? 1);
        }

        CheckTools(audit);
        CheckEnum(audit, "model", AgentRules.InvalidModel, v => ModelAliases.Contains(v, StringComparer.Ordinal) || ModelIdPattern().IsMatch(v), "sonnet, opus, haiku, inherit or a full model id such as claude-sonnet-4-5");
        CheckEnum(audit, "permissionMode", AgentRules.InvalidPermissionMode, v => PermissionModes.Contains(v, StringComparer.Ordinal), string.Join(", ", PermissionModes));
        CheckEnum(audit, "memory", AgentRules.InvalidMemory, v => MemoryScopes.Contains(v, StringComparer.Ordinal), string.Join(", ", MemoryScopes));

        if (doc.Get("maxTurns") is { } maxTurns && !(int.TryParse(maxTurns.Scalar, NumberStyles.None, CultureInfo.InvariantCulture, out var turns) && turns > 0))
        {
            audit.Add(AgentRules.InvalidMaxTurns, $"Set 'maxTurns' to a positive whole number (found '{maxTurns.Scalar ?? "a non-scalar value"}').", maxTurns.Line);
        }

        if (doc.Get("permissionMode") is { Scalar: "bypassPermissions" } bypass)
        {
            audit.Add(AgentRules.BypassPermissions, "Remove 'permissionMode: bypassPermissions' (use 'default' or 'acceptEdits'): it lets the agent act with no approval at all.", bypass.Line);
        }

        var known = new HashSet<string>(KnownKeys, StringComparer.Ordinal);
        if (audit.Options.ClaudeConfig)
        {
            known.UnionWith(ClaudeConfigChecks.ExtraKeys);
            known.UnionWith(ClaudeConfigChecks.ForbiddenKeys);
        }

        foreach (var entry in doc.Entries.Where(e => !known.Contains(e.Key)))
        {
            audit.Add(AgentRules.UnknownKey, $"Remove or rename the unknown key '{entry.Key}'; Claude Code ignores it.", entry.Line);
        }

        foreach (var (line, kind) in SecretScanner.Scan(doc.Lines))
        {
            audit.Add(AgentRules.SecretInFile, $"Line {line} looks like {kind}: remove it, rotate the credential, and refer to an environment variable instead.", line);
        }
    }

    private static void CheckTools(FileAudit audit)
    {
        var entry = audit.Document.Get("tools");
        if (entry is null)
        {
            audit.Add(AgentRules.AllToolsInherited, "Add 'tools' listing only what the agent needs (e.g. 'tools: Read, Grep, Glob'); without it the agent gets every tool.", 1);
            return;
        }

        var tools = ToolList.From(entry.Value);
        if (!tools.IsNormalised && tools.Tools.Count > 0)
        {
            audit.Add(AgentRules.ToolsNotCommaString, $"Write 'tools' as one comma-separated string: 'tools: {tools.Normalised}'.", entry.Line);
            audit.Fixes.NormalisedTools = tools.Normalised;
        }

        foreach (var unknown in tools.Tools.Where(t => !ToolList.IsKnown(t)).Distinct(StringComparer.Ordinal))
        {
            audit.Add(AgentRules.UnknownTool, $"'{unknown}' is not a Claude Code tool; fix the spelling (known: {string.Join(", ", ToolList.Known.Order(StringComparer.Ordinal))}) or use an mcp__server__tool name.", entry.Line);
        }

        if (tools.Tools.Contains("Bash", StringComparer.Ordinal) && tools.Grants("Write"))
        {
            audit.Add(AgentRules.UnrestrictedBashWithWrite, "Restrict Bash to the commands the agent needs (e.g. 'Bash(git diff:*)') or drop Write: unrestricted Bash plus Write can create and run any program.", entry.Line);
        }
    }

    private static void CheckEnum(FileAudit audit, string key, Abstractions.RuleDescriptor rule, Func<string, bool> valid, string allowed)
    {
        if (audit.Document.Get(key) is not { } entry)
        {
            return;
        }

        if (entry.Value is not YamlScalarNode { Value: { } value } || !valid(value))
        {
            audit.Add(rule, $"Set '{key}' to one of: {allowed} (found '{entry.Scalar ?? "a non-scalar value"}').", entry.Line);
        }
    }

    /// <summary>A valid agent name derived from free text.</summary>
    public static string SuggestName(string text)
    {
        var lowered = NonNameChars().Replace(text.Trim().ToLowerInvariant(), "-").Trim('-');
        return lowered.Length == 0 ? "my-agent" : lowered;
    }

    /// <summary>Lowercase letters, digits and hyphens.</summary>
    [GeneratedRegex("^[a-z0-9-]+$")]
    public static partial Regex NamePattern();

    [GeneratedRegex("^claude-[a-z0-9][a-z0-9.@-]*$")]
    private static partial Regex ModelIdPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonNameChars();
}
