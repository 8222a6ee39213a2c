using System.Text.Json.Nodes;

namespace ParallelAgents.Cli.Tests;

/// <summary>Comma-separated commands run as one cross-command run with one combined report.</summary>
public sealed class RunsTests
{
    private static readonly string[] Commands = ["agent-audit", "docs", "prime"];

    [Fact]
    public async Task Three_commands_run_together_in_process_and_write_one_report_with_a_section_each()
    {
        using var cli = new CliRun();
        var workspace = Workspace(cli.Directory);
        await cli.ExpectAsync(ExitCodes.Ok, "run", "agent-audit,docs,prime", workspace, "--format", "json", "--out", "run.json");

        var output = cli.Output.ReplaceLineEndings("");
        Assert.Contains("(agent-audit, docs, prime) submitted in this process", output, StringComparison.Ordinal);
        foreach (var command in Commands)
        {
            Assert.Matches($"{command} \\([0-9a-f]{{32}}-[0-2]\\) completed", output);
        }

        Assert.Contains("completed", output, StringComparison.Ordinal);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Directory, "run.json")))!;
        Assert.Equal("completed", report["status"]!.GetValue<string>());
        Assert.Equal(Commands, report["sections"]!.AsArray().Select(s => s!["command"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_run_writes_one_sarif_log_with_a_run_per_command_by_default_name()
    {
        using var cli = new CliRun(interactive: true);
        var workspace = Workspace(cli.Directory);
        await cli.ExpectAsync(ExitCodes.Ok, "run", "docs,prime", workspace, "--format", "sarif");

        Assert.Contains("100%", cli.Output, StringComparison.Ordinal);
        var sarif = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Directory, "parallel-agents-run-report.sarif")))!;
        Assert.Equal(["docs", "prime"], sarif["runs"]!.AsArray().Select(r => r!["properties"]!["command"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Without_a_path_a_run_works_on_the_current_directory_when_one_of_its_commands_needs_a_workspace()
    {
        using var cli = new CliRun();
        Workspace(cli.Directory);
        await cli.ExpectAsync(ExitCodes.Ok, "run", "synthetic,docs", "--format", "json", "--out", "run.json");

        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.Directory, "run.json")))!;
        Assert.Equal(["synthetic", "docs"], report["sections"]!.AsArray().Select(s => s!["command"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_run_with_a_bad_command_exits_2_naming_the_job()
    {
        using var cli = new CliRun();
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, "run", "synthetic,nope", "--option", "items=1");

        Assert.Contains("jobs[1].command: Unknown command 'nope'", cli.Output.ReplaceLineEndings(""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_command_in_the_list_is_a_usage_error()
    {
        using var cli = new CliRun();
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, "run", "docs,,prime");

        Assert.Contains("empty command", cli.Output, StringComparison.Ordinal);
    }

    private static string Workspace(string parent)
    {
        var root = Directory.CreateDirectory(Path.Combine(parent, "ws")).FullName;
        var files = new Dictionary<string, string>
        {
            [".claude/agents/quality/reviewer.md"] = "---\nname: reviewer\ndescription: Expert reviewer. Use PROACTIVELY for reviews.\n---\n\nReview code.\n",
            ["README.md"] = "# Sample\n\nA sample project.\n",
            ["src/app.py"] = "import os\n\n\ndef main():\n    return os.getcwd()\n",
        };
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        return root;
    }
}
