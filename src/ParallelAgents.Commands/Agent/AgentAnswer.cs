using System.ComponentModel;

namespace ParallelAgents.Commands.Agent;

/// <summary>The JSON an agent answers with; its schema is sent to providers that support structured output.</summary>
public sealed class AgentAnswer
{
    /// <summary>The problems found; empty when there are none.</summary>
    [Description("The problems found in the files; an empty list when there are none.")]
    public List<AgentAnswerFinding> Findings { get; set; } = [];
}
