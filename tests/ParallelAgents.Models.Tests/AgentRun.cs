using System.Text.Json;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Agent;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Models.Tests;

/// <summary>What one run of the agent command produced.</summary>
public sealed record AgentRun(Assessment Assessment, IReadOnlyList<ItemResult> Results, ReportSection Section)
{
    /// <summary>The section's data.</summary>
    public AgentRunSummary Summary => JsonSerializer.Deserialize<AgentRunSummary>(Section.DataJson!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    /// <summary>Everything the run wrote, as text.</summary>
    public string AllText => JsonSerializer.Serialize(Results) + Section.DataJson + Section.Markdown + string.Join("\n", Section.Notes ?? []);
}
