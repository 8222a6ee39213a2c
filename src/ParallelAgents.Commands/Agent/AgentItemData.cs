using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Commands.Agent;

/// <summary>What the report keeps of one item, so a run can be audited and reproduced.</summary>
/// <param name="Agent">The agent's name.</param>
/// <param name="AgentSource">Where its definition came from.</param>
/// <param name="AgentHash">Hash of its definition.</param>
/// <param name="Provider">The provider's configured name.</param>
/// <param name="Model">The model asked for.</param>
/// <param name="ResponseModel">The model id the provider answered with.</param>
/// <param name="SystemFingerprint">The provider's system fingerprint, when it sends one.</param>
/// <param name="Seed">The seed sent, if any.</param>
/// <param name="PromptHash">Hash of the messages sent.</param>
/// <param name="Files">Files (and line ranges) in the item.</param>
/// <param name="Usage">Tokens, calls, retries, 429s, cache hits and cost.</param>
/// <param name="Redactions">Secret values replaced before sending.</param>
/// <param name="DroppedFindings">Findings dropped because their file or line does not exist.</param>
/// <param name="ToolCalls">Read-only tool calls the agent made.</param>
/// <param name="Repaired">Whether a repair request was needed to get JSON.</param>
public sealed record AgentItemData(
    string Agent,
    string AgentSource,
    string AgentHash,
    string? Provider,
    string? Model,
    string? ResponseModel,
    string? SystemFingerprint,
    long? Seed,
    string? PromptHash,
    IReadOnlyList<string> Files,
    ModelUsage Usage,
    int Redactions,
    int DroppedFindings,
    int ToolCalls,
    bool Repaired);
