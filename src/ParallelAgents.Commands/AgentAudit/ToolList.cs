using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>The tools an agent's <c>tools</c> (or <c>disallowedTools</c>) value names, and its normalised form.</summary>
/// <param name="Tools">Tool entries as written, trimmed, without empties.</param>
/// <param name="IsCommaString">Whether the value was a string (the official format) rather than a YAML list.</param>
/// <param name="Raw">The value as written when it was a string.</param>
internal sealed partial record ToolList(IReadOnlyList<string> Tools, bool IsCommaString, string? Raw)
{
    /// <summary>Tools Claude Code provides.</summary>
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Read", "Write", "Edit", "MultiEdit", "Glob", "Grep", "Bash", "WebFetch", "WebSearch", "Task", "TodoWrite", "NotebookEdit",
    };

    /// <summary>The normalised value: distinct entries joined with ", ".</summary>
    public string Normalised => string.Join(", ", Tools.Distinct(StringComparer.Ordinal));

    /// <summary>True when the value is already exactly its normalised form.</summary>
    public bool IsNormalised => IsCommaString && Raw == Normalised;

    /// <summary>Reads a tools value: a comma-separated string or a YAML list of strings.</summary>
    public static ToolList From(YamlNode value) => value switch
    {
        YamlScalarNode s => new ToolList(Split(s.Value ?? ""), true, s.Value ?? ""),
        YamlSequenceNode seq => new ToolList(seq.Children.OfType<YamlScalarNode>().SelectMany(n => Split(n.Value ?? "")).ToArray(), false, null),
        _ => new ToolList([], false, null),
    };

    /// <summary>The tool name without a parenthesised specifier: <c>Bash(git diff:*)</c> → <c>Bash</c>.</summary>
    public static string BaseName(string tool)
    {
        var paren = tool.IndexOf('(', StringComparison.Ordinal);
        return (paren >= 0 ? tool[..paren] : tool).Trim();
    }

    /// <summary>True for a known tool, with or without a specifier, or an MCP tool pattern.</summary>
    public static bool IsKnown(string tool)
    {
        var name = BaseName(tool);
        return Known.Contains(name) || McpPattern().IsMatch(name);
    }

    /// <summary>Whether the list grants the named tool (with or without a specifier).</summary>
    public bool Grants(string name) => Tools.Any(t => BaseName(t) == name);

    // Commas inside a specifier such as Bash(git log, git diff) do not separate tools.
    private static string[] Split(string text)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        foreach (var c in text)
        {
            if (c == ',' && depth == 0)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }

            depth += c == '(' ? 1 : c == ')' && depth > 0 ? -1 : 0;
            current.Append(c);
        }

        parts.Add(current.ToString());
        return parts.Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
    }

    [GeneratedRegex(@"^mcp__[A-Za-z0-9_.-]+?(__[A-Za-z0-9_.*-]+)?$")]
    private static partial Regex McpPattern();
}
