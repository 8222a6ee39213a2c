using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>Finds lines that look like they hold a credential; reports the kind, never the value.</summary>
internal static partial class SecretScanner
{
    private static readonly (string Kind, Regex Pattern)[] Patterns =
    [
        ("an AWS access key id", AwsKey()),
        ("a GitHub token", GitHubToken()),
        ("an OpenAI/Anthropic-style API key", SkKey()),
        ("a Slack token", SlackToken()),
        ("a private key block", PrivateKey()),
        ("a hard-coded password, secret or API key assignment", Assignment()),
    ];

    /// <summary>Every (1-based line, kind) that looks like a secret.</summary>
    public static IEnumerable<(int Line, string Kind)> Scan(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (var (kind, pattern) in Patterns)
            {
                if (pattern.IsMatch(lines[i]))
                {
                    yield return (i + 1, kind);
                    break;
                }
            }
        }
    }

    [GeneratedRegex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bsk-(ant-)?[A-Za-z0-9_-]{20,}")]
    private static partial Regex SkKey();

    [GeneratedRegex(@"\bxox[abprs]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"-----BEGIN ([A-Z]+ )?PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    // key = "value" with a long opaque value; placeholders such as <token> or ${TOKEN} do not match.
    [GeneratedRegex(@"(?i)\b(password|passwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token)\b\s*[:=]\s*[""']?(?![<$%{])[A-Za-z0-9/+_.=-]{12,}")]
    private static partial Regex Assignment();
}
