using System.Text;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Agent;

/// <summary>Turns an agent's answer into findings, dropping (and counting) those that point at a file or line that does not exist.</summary>
public static class FindingLocator
{
    /// <summary>The located findings and how many were dropped.</summary>
    /// <param name="answer">The parsed answer.</param>
    /// <param name="sent">Line counts of the files sent in the prompt.</param>
    /// <param name="workspace">With read tools, other workspace files may be named too; null otherwise.</param>
    /// <param name="agent">The agent's name.</param>
    /// <param name="model">The <c>provider/model</c> key.</param>
    public static (IReadOnlyList<Finding> Findings, int Dropped) Locate(AgentAnswer answer, IReadOnlyDictionary<string, int> sent, Workspace? workspace, string agent, string model)
    {
        var findings = new List<Finding>();
        var dropped = 0;
        foreach (var f in answer.Findings)
        {
            var message = string.Join(": ", new[] { f.Title, f.Message }.Where(s => !string.IsNullOrWhiteSpace(s)));
            if (message.Length == 0)
            {
                dropped++;
                continue;
            }

            var file = f.File?.Trim().TrimStart('.', '/').Replace('\\', '/');
            int? lines = null;
            if (!string.IsNullOrEmpty(file))
            {
                lines = sent.TryGetValue(file, out var n) ? n : LinesOf(workspace, file);
                if (lines is null || (f.Line is { } line && (line < 1 || line > lines)))
                {
                    dropped++;
                    continue;
                }
            }

            var properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["agent"] = agent, ["model"] = model };
            if (f.EndLine is { } end && f.Line is { } startLine && end >= startLine && end <= lines)
            {
                properties["endLine"] = end.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (!string.IsNullOrWhiteSpace(f.SuggestedFix))
            {
                properties["suggestedFix"] = f.SuggestedFix.Trim();
            }

            findings.Add(new Finding(RuleId(f.RuleId ?? f.Title), Severity(f.Severity), message, string.IsNullOrEmpty(file) ? null : file, string.IsNullOrEmpty(file) ? null : f.Line, Properties: properties));
        }

        return (findings, dropped);
    }

    /// <summary>A stable rule id: <c>agent/</c> and the model's identifier in kebab case.</summary>
    public static string RuleId(string? raw)
    {
        var text = new StringBuilder();
        foreach (var c in (raw ?? "").Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }

            if (text.Length >= 48)
            {
                break;
            }
        }

        var id = text.ToString().Trim('-');
        return "agent/" + (id.Length == 0 ? "finding" : id);
    }

    private static Severity Severity(string? raw) => raw?.Trim().ToLowerInvariant() switch
    {
        "critical" or "blocker" => Abstractions.Severity.Critical,
        "high" or "error" or "major" => Abstractions.Severity.High,
        "medium" or "warning" or "moderate" => Abstractions.Severity.Medium,
        "low" or "minor" => Abstractions.Severity.Low,
        _ => Abstractions.Severity.Info,
    };

    private static int? LinesOf(Workspace? workspace, string file)
    {
        if (workspace is null)
        {
            return null;
        }

        try
        {
            var full = workspace.FullPath(file);
            return File.Exists(full) ? File.ReadLines(full).Count() : null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
