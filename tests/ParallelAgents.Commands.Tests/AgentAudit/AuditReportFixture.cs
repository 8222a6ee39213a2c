using ParallelAgents.Abstractions;
using ParallelAgents.Commands.AgentAudit;
using ParallelAgents.Engine.Aggregation;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Planning;

namespace ParallelAgents.Commands.Tests.AgentAudit;

/// <summary>Builds a JobReport from an agent-audit run over the corpus, the way the service does after a job.</summary>
public static class AuditReportFixture
{
    public const string OddName = ".claude/agents/bad/odd name #1.md";

    public static async Task<JobReport> BuildAsync(string optionsJson = """{"fix": true}""")
    {
        using var workspace = CorpusWorkspace.Create();

        // A path that needs escaping in a SARIF URI.
        workspace.Write(OddName, "---\nname: Odd Name\ndescription: Expert.\n---\nbody\n"u8.ToArray());
        var command = new AgentAuditCommand();
        var (assessment, results, section) = await CommandHarness.RunAsync(command, workspace.Root, optionsJson);
        var settings = PoolSettings.Resolve(command.Descriptor.Pool, CommandOptions.Parse(optionsJson));
        var plan = JobPlanner.Plan(assessment.Items, settings, command.Descriptor.Strategy);
        var byItem = results.ToDictionary(r => r.ItemId, StringComparer.Ordinal);
        var segments = plan.Segments
            .Select(s => new SegmentReport(s.Index, s.Key, SegmentStatus.Completed, s.Items.Count, 0, 1, ["silo-a"], 0, s.Items.Sum(i => byItem[i.Id].DurationMs), []))
            .ToArray();
        var keyed = plan.Segments.SelectMany(s => s.Items.Select(i => (s.Key, byItem[i.Id]))).ToArray();
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var busy = segments.Sum(s => s.BusyMs);
        var wall = segments.Max(s => s.BusyMs);
        var snapshot = new JobSnapshot(
            "job-agent-audit-1",
            AgentAuditCommand.Name,
            JobStatus.Completed,
            created,
            created.AddSeconds(1),
            created.AddSeconds(3),
            [],
            new ProgressSummary(100, results.Count, results.Count, 0, null, null),
            new JobMetrics(wall, busy, busy / wall, plan.DistributionEfficiency, busy / (segments.Length * wall), 1, 1, segments.Length),
            null,
            false,
            null);
        return ReportBuilder.Build(snapshot, command.Descriptor.AgentRole, section, segments, keyed, assessment.Notes ?? []);
    }
}
