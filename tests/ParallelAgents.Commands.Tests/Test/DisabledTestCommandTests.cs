using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Test;
using ParallelAgents.Engine.Aggregation;
using ParallelAgents.Engine.Reports;

namespace ParallelAgents.Commands.Tests.Test;

public sealed class DisabledTestCommandTests
{
    [Fact]
    public void The_descriptor_says_the_command_is_disabled_and_names_the_setting_that_enables_it()
    {
        var disabled = Command(enabled: false);
        Assert.False(disabled.Descriptor.Enabled);
        Assert.Contains("Commands:Test:Enabled=true", disabled.Descriptor.DisabledReason, StringComparison.Ordinal);

        var enabled = Command(enabled: true);
        Assert.True(enabled.Descriptor.Enabled);
        Assert.Null(enabled.Descriptor.DisabledReason);
    }

    [Fact]
    public async Task The_markdown_report_of_a_disabled_run_states_its_note_once()
    {
        var command = Command(enabled: false);
        var (assessment, results, section) = await CommandHarness.RunAsync(command, Directory.GetCurrentDirectory(), services: CommandHarness.EmptyServices);
        var snapshot = new JobSnapshot("j", TestCommand.Name, JobStatus.Completed, DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch, [], new ProgressSummary(100, 0, 0, null, null, null), JobMetrics.Empty, null, false, null);

        // As the coordinator does: the assessment's notes go in as the job's notes, beside the section's.
        var report = ReportBuilder.Build(snapshot, command.Descriptor.AgentRole, section, [], results.Select(r => ("all", r)).ToArray(), assessment.Notes ?? []);
        var markdown = MarkdownReportWriter.Write(report);

        var note = Assert.Single(assessment.Notes!);
        Assert.Single(Regex.Matches(markdown, "^> " + Regex.Escape(MarkdownReportWriter.Escape(note)) + "$", RegexOptions.Multiline));
        var beforeFindings = markdown[..markdown.IndexOf("## Findings", StringComparison.Ordinal)];
        Assert.Single(Regex.Matches(beforeFindings, Regex.Escape(MarkdownReportWriter.Escape(note))));
    }

    private static TestCommand Command(bool enabled) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection([new("Commands:Test:Enabled", enabled ? "true" : "false")]).Build())
        .AddTestCommand()
        .BuildServiceProvider()
        .GetRequiredService<TestCommand>();
}
