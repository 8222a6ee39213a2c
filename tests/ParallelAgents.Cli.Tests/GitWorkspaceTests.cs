using System.Text.Json;
using ParallelAgents.TestSupport.Git;

namespace ParallelAgents.Cli.Tests;

/// <summary><c>run --git URL --ref REF</c>: the job runs on a repository at a ref, in process or on a server.</summary>
[Collection(ServiceTestCollection.Name)]
public sealed class GitWorkspaceTests(ServiceFactory service)
{
    private const string Agent = "---\nname: Bad_Agent\ndescription: audits things\ntools: Bash, Write\npermissionMode: bypassPermissions\ncategory: security\n---\n\nDo things.\n";

    [Fact]
    public async Task In_process_a_local_repository_runs_at_the_tag_it_names()
    {
        using var repository = TestGitRepository.Create();
        var tagged = repository.Commit(new Dictionary<string, string?> { [".claude/agents/security/bad-agent.md"] = Agent }, "agent");
        repository.Git("tag", "v1");
        repository.Commit(new Dictionary<string, string?> { [".claude/agents/security/bad-agent.md"] = null }, "drop it");

        using var cli = new CliRun();
        await cli.ExpectAsync(ExitCodes.Ok, "run", "agent-audit", "--git", repository.FileUrl, "--ref", "v1", "--format", "json", "--out", "r.json");

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.Directory, "r.json")));
        Assert.Equal(tagged, report.RootElement.GetProperty("workspace").GetProperty("commit").GetString());
        Assert.Contains("bad-agent.md", report.RootElement.GetProperty("findings").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_process_changed_since_origin_main_audits_only_what_changed_for_a_repository_url_and_for_a_directory()
    {
        using var repository = TestGitRepository.Create();
        var baseCommit = repository.Commit(new Dictionary<string, string?> { [".claude/agents/security/bad-agent.md"] = Agent }, "agent");
        repository.Git("update-ref", "refs/remotes/origin/main", baseCommit);
        repository.Commit(new Dictionary<string, string?> { [".claude/agents/quality/new-agent.md"] = Agent.Replace("Bad_Agent", "New_Agent", StringComparison.Ordinal) }, "another agent");

        foreach (var target in new[] { new[] { "--git", repository.FileUrl, "--ref", "main" }, [repository.Path] })
        {
            using var cli = new CliRun();
            await cli.ExpectAsync(ExitCodes.Ok, ["run", "agent-audit", .. target, "--changed-since", "origin/main", "--format", "json", "--out", "r.json"]);
            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.Directory, "r.json")));
            var workspace = report.RootElement.GetProperty("workspace");
            Assert.Equal(target.Length == 1 ? "path" : "git", workspace.GetProperty("source").GetString());
            Assert.Equal(baseCommit, workspace.GetProperty("changedSince").GetProperty("commit").GetString());
            Assert.Equal(1, workspace.GetProperty("changedSince").GetProperty("files").GetInt32());
            var findings = report.RootElement.GetProperty("findings").GetRawText();
            Assert.Contains("new-agent.md", findings, StringComparison.Ordinal);
            Assert.DoesNotContain("bad-agent.md", findings, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Against_a_server_the_repository_is_sent_as_a_git_workspace_and_refusals_name_the_field()
    {
        using var cli = new CliRun(_ => service.CreateClient());
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, "run", "agent-audit", "--server", "http://localhost/", "--git", "https://user:pw@github.com/o/r.git", "--ref", "main");
        Assert.Contains("workspace.git.url", cli.Output, StringComparison.Ordinal);
        Assert.Contains("Credentials in the URL are refused", cli.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("give --git URL too", "--ref", "main")]
    [InlineData("give no directory and no --upload", "--git", "https://github.com/o/r.git", "some/dir")]
    [InlineData("give no directory and no --upload", "--git", "https://github.com/o/r.git", "--upload")]
    public async Task Git_options_that_do_not_fit_together_are_usage_errors(string message, params string[] extra)
    {
        using var cli = new CliRun();
        await cli.ExpectAsync(ExitCodes.UsageOrConnection, ["run", "agent-audit", .. extra]);
        Assert.Contains(message, cli.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }
}
