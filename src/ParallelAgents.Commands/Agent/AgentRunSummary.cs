using System.Globalization;
using System.Text;
using System.Text.Json;
using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Commands.Agent;

/// <summary>The agent command's report section: totals, the items not run and why, and each item's record.</summary>
/// <param name="Agent">Agent name.</param>
/// <param name="Model">The <c>provider/model</c> of the run.</param>
/// <param name="Usage">Totals over every item.</param>
/// <param name="Redactions">Secret values replaced before sending.</param>
/// <param name="DroppedFindings">Findings dropped because their file or line does not exist.</param>
/// <param name="NotRun">Items not sent, with the reason.</param>
/// <param name="Items">Each item's record.</param>
public sealed record AgentRunSummary(
    string Agent,
    string Model,
    ModelUsage Usage,
    int Redactions,
    int DroppedFindings,
    IReadOnlyList<AgentNotRun> NotRun,
    IReadOnlyList<AgentItemRecord> Items)
{
    /// <summary>Reads every item's data.</summary>
    public static AgentRunSummary From(IReadOnlyList<ItemResult> results, JsonSerializerOptions json)
    {
        var items = results
            .Select(r => (Result: r, Data: r.DataJson is null ? null : JsonSerializer.Deserialize<AgentItemData>(r.DataJson, json)))
            .Where(x => x.Data is not null)
            .OrderBy(x => x.Result.ItemId, StringComparer.Ordinal)
            .Select(x => new AgentItemRecord(x.Result.ItemId, x.Data!, x.Result.Findings.Count, x.Result.Error))
            .ToArray();
        var first = items.FirstOrDefault()?.Data;
        var usage = items.Aggregate(ModelUsage.None, (sum, i) => sum.Add(i.Data.Usage));
        return new AgentRunSummary(
            first?.Agent ?? "",
            first is null ? "" : $"{first.Provider}/{first.Model}",
            usage,
            items.Sum(i => i.Data.Redactions),
            items.Sum(i => i.Data.DroppedFindings),
            results.Where(r => r.NotRun).OrderBy(r => r.ItemId, StringComparer.Ordinal).Select(r => new AgentNotRun(r.ItemId, r.Error ?? "not run")).ToArray(),
            items);
    }

    /// <summary>Statements for the report's notes.</summary>
    public IReadOnlyList<string> Notes()
    {
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Agent {Agent} on {Model}: {Usage.Calls} call(s), {Usage.InputTokens} input and {Usage.OutputTokens} output tokens, {Usage.CacheHits} cache hit(s), {Usage.Throttled} 429(s), {Usage.Retries} retr(ies), about {Usage.CostUsd:0.####} USD."),
        };
        if (Redactions > 0)
        {
            notes.Add($"{Redactions} secret value(s) were redacted before the files were sent.");
        }

        if (DroppedFindings > 0)
        {
            notes.Add($"{DroppedFindings} finding(s) pointed at a file or line that does not exist and were dropped.");
        }

        if (NotRun.Count > 0)
        {
            const string prefix = "not run: ";
            var reason = NotRun[0].Reason.StartsWith(prefix, StringComparison.Ordinal) ? NotRun[0].Reason[prefix.Length..] : NotRun[0].Reason;
            notes.Add($"{NotRun.Count} item(s) were not run: {reason}.");
        }

        return notes;
    }

    /// <summary>The Markdown section.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("## Agent run\n\n");
        text.Append(CultureInfo.InvariantCulture, $"| agent | model | calls | input tokens | output tokens | cache hits | 429s | retries | cost (USD) |\n|---|---|---|---|---|---|---|---|---|\n");
        text.Append(CultureInfo.InvariantCulture, $"| {Agent} | {Model} | {Usage.Calls} | {Usage.InputTokens} | {Usage.OutputTokens} | {Usage.CacheHits} | {Usage.Throttled} | {Usage.Retries} | {Usage.CostUsd:0.####} |\n\n");
        foreach (var note in Notes().Skip(1))
        {
            text.Append("- ").Append(note).Append('\n');
        }

        if (NotRun.Count > 0)
        {
            text.Append("\n### Items not run\n\n");
            foreach (var item in NotRun)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {item.ItemId}: {item.Reason}\n");
            }
        }

        return text.ToString();
    }
}
