using System.Text.Json;
using Microsoft.Extensions.Options;
using ParallelAgents.Commands.Agent;
using ParallelAgents.Commands.AgentAudit;
using ParallelAgents.Commands.Deps;
using ParallelAgents.Commands.Docs;
using ParallelAgents.Commands.Prime;
using ParallelAgents.Commands.Tests.Test;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Engine.Workspaces.Git;
using ParallelAgents.TestSupport.Git;

namespace ParallelAgents.Commands.Tests.ChangedSince;

/// <summary>
/// A repository with edits, renames, additions and deletions between a base and its head: in a diff-aware run exactly
/// the changed files become items, command by command, while cross-file rules still see the whole set.
/// </summary>
public sealed class ChangedSinceTests : IClassFixture<ChangedSinceTests.Repository>
{
    private readonly Repository _repo;

    public ChangedSinceTests(Repository repo) => _repo = repo;

    public static readonly string[] Changed =
    [
        ".claude/agents/quality/added.md",
        ".claude/agents/quality/edited.md",
        ".claude/agents/security/moved.md",
        "docs/guide.md",
        "docs/new-name.md",
        "requirements.txt",
        "src/app.py",
        "src/helpers.py",
        "svc-a/app.py",
    ];

    [Fact]
    public void The_diff_holds_the_edited_added_and_renamed_files_and_no_deleted_one() =>
        Assert.Equal(Changed, _repo.Changes.Files);

    [Fact]
    public async Task Agent_audit_audits_the_changed_definitions_and_checks_names_against_all_of_them()
    {
        var (all, _, _) = await CommandHarness.RunAsync(new AgentAuditCommand(), _repo.Root);
        var (changed, _, section) = await CommandHarness.RunAsync(new AgentAuditCommand(), _repo.Root, changes: _repo.Changes);
        Assert.Equal([".claude/agents/quality/added.md", ".claude/agents/quality/edited.md", ".claude/agents/security/moved.md"], changed.Items.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Contains(all.Items, i => i.Id == ".claude/agents/quality/twin.md");

        // The new agent reuses an unchanged agent's name: found, and reported on the changed file only.
        var duplicates = section.Findings.Where(f => f.RuleId == AgentRules.DuplicateName.Id).ToArray();
        Assert.Equal([".claude/agents/quality/added.md"], duplicates.Select(f => f.File));
        Assert.Contains("twin.md", duplicates[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(section.Findings, f => f.File == ".claude/agents/quality/twin.md");
        Assert.Contains(changed.Notes!, n => n.StartsWith("3 of the 4 agent definitions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Docs_checks_the_changed_markdown_files_and_resolves_their_links_against_the_whole_tree()
    {
        var (all, _, _) = await CommandHarness.RunAsync(new DocsCommand(), _repo.Root);
        var (changed, _, section) = await CommandHarness.RunAsync(new DocsCommand(), _repo.Root, changes: _repo.Changes);
        static bool IsCode(string id) => id.StartsWith("code:", StringComparison.Ordinal);
        var expected = all.Items.Where(i => !IsCode(i.Id) && _repo.Changes.Contains(i.Payload!)).Select(i => i.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, changed.Items.Where(i => !IsCode(i.Id)).Select(i => i.Id).Order(StringComparer.Ordinal));

        // Doc-comment coverage: the code projects with a changed source file.
        Assert.Equal(["code:python:src", "code:python:svc-a"], changed.Items.Where(i => IsCode(i.Id)).Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Contains(all.Items, i => i.Id == "code:python:svc-b");
        Assert.Contains("doc:docs/guide.md", expected);
        Assert.Contains("doc:docs/new-name.md", expected);
        Assert.Contains(all.Items, i => i.Id == "doc:README.md");
        Assert.DoesNotContain(changed.Items, i => i.Id == "doc:README.md");

        // guide.md links to the unchanged README (fine) and to the deleted file (broken).
        Assert.Contains(section.Findings, f => f.File == "docs/guide.md" && f.Message.Contains("removed.md", StringComparison.Ordinal));
        Assert.DoesNotContain(section.Findings, f => f.File == "docs/guide.md" && f.Message.Contains("README.md", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prime_batches_exactly_the_changed_files_it_can_analyse()
    {
        var (all, _, _) = await CommandHarness.RunAsync(new PrimeCommand(), _repo.Root, """{"mode":"files"}""");
        var (changed, _, _) = await CommandHarness.RunAsync(new PrimeCommand(), _repo.Root, changes: _repo.Changes);
        static string[] Files(Engine.Commands.Assessment a) => [.. a.Items.SelectMany(i => JsonSerializer.Deserialize<string[]>(i.Payload!)!).Order(StringComparer.Ordinal)];
        var expected = Files(all).Where(_repo.Changes.Contains).ToArray();
        Assert.Equal(expected, Files(changed));
        Assert.Contains("src/helpers.py", expected);
        Assert.Contains("src/stable.py", Files(all));
        Assert.All(changed.Items, i => Assert.StartsWith("files-", i.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deps_audit_reads_the_changed_manifests_only()
    {
        var (all, _, _) = await CommandHarness.RunAsync(new DepsAuditCommand(), _repo.Root);
        var (changed, _, _) = await CommandHarness.RunAsync(new DepsAuditCommand(), _repo.Root, changes: _repo.Changes);
        Assert.Equal(["package.json", "requirements.txt"], all.Items.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["requirements.txt"], changed.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Test_runs_the_suites_with_a_changed_file_in_their_folder()
    {
        var command = TestCommandFixture.Command();
        var context = TestCommandFixture.Context(_repo.Root);
        var all = await command.AssessAsync(context, CancellationToken.None);
        var changed = await command.AssessAsync(context with { Changes = _repo.Changes }, CancellationToken.None);
        Assert.Equal(["pytest:svc-a#unit", "pytest:svc-b#unit"], all.Items.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["pytest:svc-a#unit"], changed.Items.Select(i => i.Id));
    }

    [Fact]
    public void The_agent_command_plans_the_changed_files_only()
    {
        var workspace = new Workspace(_repo.Root);
        var all = AgentWorkPlanner.Plan(workspace, [], "file", 6000).SelectMany(AgentWorkPlanner.Slices).Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
        var changed = AgentWorkPlanner.Plan(workspace, [], "file", 6000, include: _repo.Changes.Contains).SelectMany(AgentWorkPlanner.Slices).Select(s => s.Path).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(all.Where(_repo.Changes.Contains).Order(StringComparer.Ordinal), changed);
        Assert.Contains("src/stable.py", all);
    }

    /// <summary>The repository, its base and its head, made once for the class.</summary>
    public sealed class Repository : IAsyncLifetime
    {
        private readonly TestGitRepository _git = TestGitRepository.Create();

        public string Root => _git.Path;

        public WorkspaceChanges Changes { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var body = string.Join('\n', Enumerable.Range(0, 30).Select(i => $"Step {i}: review the change and report what it breaks.")) + "\n";
            string Agent(string name, string category) => $"---\nname: {name}\ndescription: Reviews {category} changes. Use PROACTIVELY.\ntools: Read\ncategory: {category}\n---\n\n{body}";
            var code = string.Join('\n', Enumerable.Range(0, 30).Select(i => $"def step_{i}(x):\n    return x + {i}\n")) + "\n";
            var baseCommit = _git.Commit(new Dictionary<string, string?>
            {
                [".claude/agents/quality/edited.md"] = Agent("edited", "quality"),
                [".claude/agents/quality/renamed.md"] = Agent("renamed", "quality"),
                [".claude/agents/quality/deleted.md"] = Agent("deleted", "quality"),
                [".claude/agents/quality/twin.md"] = Agent("twin", "quality"),
                ["README.md"] = "# Project\n\nSee [the guide](docs/guide.md).\n",
                ["docs/guide.md"] = "# Guide\n\nStart at the [readme](../README.md).\n",
                ["docs/old-name.md"] = "# Old name\n\n" + body,
                ["docs/removed.md"] = "# Removed\n",
                ["src/app.py"] = code,
                ["src/util.py"] = code + "# util\n",
                ["src/gone.py"] = code + "# gone\n",
                ["src/stable.py"] = code + "# stable\n",
                ["requirements.txt"] = "requests==2.31.0\n",
                ["package.json"] = "{\"name\": \"app\", \"version\": \"1.0.0\", \"dependencies\": {\"left-pad\": \"1.3.0\"}}\n",
                ["svc-a/pytest.ini"] = "[pytest]\n",
                ["svc-a/tests/test_a.py"] = "def test_a():\n    assert True\n",
                ["svc-a/app.py"] = "VALUE = 1\n",
                ["svc-b/pytest.ini"] = "[pytest]\n",
                ["svc-b/tests/test_b.py"] = "def test_b():\n    assert True\n",
            }, "base");
            Directory.CreateDirectory(Path.Combine(Root, ".claude", "agents", "security"));
            _git.Git("mv", ".claude/agents/quality/renamed.md", ".claude/agents/security/moved.md");
            _git.Git("mv", "docs/old-name.md", "docs/new-name.md");
            _git.Git("mv", "src/util.py", "src/helpers.py");
            var head = _git.Commit(new Dictionary<string, string?>
            {
                [".claude/agents/quality/edited.md"] = Agent("edited", "quality") + "One more step.\n",
                [".claude/agents/quality/deleted.md"] = null,
                [".claude/agents/quality/added.md"] = Agent("twin", "quality"),
                ["docs/guide.md"] = "# Guide\n\nStart at the [readme](../README.md), not at [the old page](removed.md).\n",
                ["docs/removed.md"] = null,
                ["src/app.py"] = code + "def added(x):\n    return x\n",
                ["src/gone.py"] = null,
                ["requirements.txt"] = "requests==2.32.0\n",
                ["svc-a/app.py"] = "VALUE = 2\n",
            }, "head");

            var local = new LocalRepository(new GitRunner(Options.Create(new GitOptions())));
            Changes = new WorkspaceChanges(baseCommit, baseCommit, head, await local.ChangedFilesAsync(Root, baseCommit, head, CancellationToken.None));
        }

        public Task DisposeAsync()
        {
            _git.Dispose();
            return Task.CompletedTask;
        }
    }
}
