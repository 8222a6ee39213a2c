using System.Security.Cryptography;
using System.Text;

namespace ParallelAgents.Commands.Agent;

/// <summary>A Claude Code agent definition: frontmatter fields and the body, which becomes the system prompt.</summary>
/// <param name="Name">The <c>name:</c> field.</param>
/// <param name="Description">The <c>description:</c> field.</param>
/// <param name="Model">The <c>model:</c> field (<c>opus</c>, <c>sonnet</c>, <c>haiku</c>, a provider or model id), if any.</param>
/// <param name="Tools">The <c>tools:</c> field as a list.</param>
/// <param name="SystemPrompt">The Markdown body.</param>
/// <param name="Source">Workspace-relative path of the file, or <c>built-in</c>.</param>
public sealed record AgentDefinition(string Name, string Description, string? Model, IReadOnlyList<string> Tools, string SystemPrompt, string Source)
{
    /// <summary>A short hash of what the model sees of the agent, recorded so a run can be reproduced.</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Name}\n{SystemPrompt}")))[..16];
}
