using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Test;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Planning;
using static ParallelAgents.Commands.Tests.Test.TestCommandFixture;

namespace ParallelAgents.Commands.Tests.Test;

// One collection: the hang and cancel tests look for the same marker process.
[Collection("test-command")]
public sealed class TestCommandTests
{
    [Fact]
    public async Task Counts_per_suite_equal_what_pytest_and_node_print_when_run_directly()
    {
        var (_, results, section) = await CommandHarness.RunAsync(Command(), Fixture("mixed"), services: CommandHarness.EmptyServices);
        var data = Data(section);
        var suites = data.GetProperty("suites").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);

        var py = PytestDirect(Fixture("mixed"));
        var pytest = suites["pytest:."];
        Assert.Equal(py.Passed, pytest.GetProperty("passed").GetInt32());
        Assert.Equal(py.Failed, pytest.GetProperty("failed").GetInt32());
        Assert.Equal(py.Skipped, pytest.GetProperty("skipped").GetInt32());
        Assert.Equal(py.Errors, pytest.GetProperty("errored").GetInt32());

        var js = NodeDirect(Fixture("mixed"));
        var node = suites["node:."];
        Assert.Equal(js.Passed, node.GetProperty("passed").GetInt32());
        Assert.Equal(js.Failed, node.GetProperty("failed").GetInt32());
        Assert.Equal(js.Skipped, node.GetProperty("skipped").GetInt32());

        Assert.All(results, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task Tests_are_split_by_type_into_one_segment_per_type_and_failures_point_at_the_line()
    {
        var command = Command();
        var (assessment, _, section) = await CommandHarness.RunAsync(command, Fixture("mixed"), services: CommandHarness.EmptyServices);

        var types = Data(section).GetProperty("types").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal((10, 2, 2), Counts(types["unit"], 6));
        Assert.Equal((3, 1, 0), Counts(types["integration"], 2));
        Assert.Equal((2, 0, 1), Counts(types["e2e"], 1));
        Assert.Equal((1, 0, 0), Counts(types["security"], 1));
        Assert.Equal((1, 0, 0), Counts(types["performance"], 1));

        var plan = JobPlanner.Plan(assessment.Items, PoolSettings.Resolve(command.Descriptor.Pool, CommandOptions.Empty), command.Descriptor.Strategy);
        Assert.Equal(5, plan.Segments.Count);

        var mul = Assert.Single(section.Findings, f => f.Message.Contains("test_mul", StringComparison.Ordinal));
        Assert.Equal(TestRules.Failed, mul.RuleId);
        Assert.Equal("tests/test_math.py", mul.File);
        Assert.Equal(13, mul.Line);
        Assert.Contains("multiplication is wrong", mul.Message, StringComparison.Ordinal);

        var compares = Assert.Single(section.Findings, f => f.Message.Contains("compares", StringComparison.Ordinal));
        Assert.Equal("test/unit.test.js", compares.File);
        Assert.Equal(13, compares.Line);
    }

    [Fact]
    public async Task A_large_type_is_sharded_into_filters_the_runner_accepts_and_counts_stay_exact()
    {
        var (assessment, _, section) = await CommandHarness.RunAsync(Command(), Fixture("mixed"), """{"shardSize":2,"types":["unit"],"ecosystems":["python"]}""", CommandHarness.EmptyServices);

        Assert.Equal(["unit-1", "unit-2", "unit-3"], assessment.Items.Select(i => i.Key).ToArray());
        var unit = Data(section).GetProperty("types").EnumerateArray().Single();
        Assert.Equal((6, 1, 1), Counts(unit, 4));
    }

    [Fact]
    public async Task A_workspace_without_tests_gives_an_empty_successful_report()
    {
        var (assessment, results, section) = await CommandHarness.RunAsync(Command(), Fixture("empty"), services: CommandHarness.EmptyServices);

        Assert.Empty(assessment.Items);
        Assert.Empty(results);
        Assert.Empty(section.Findings);
        Assert.Equal(0, Data(section).GetProperty("totals").GetProperty("runs").GetInt32());
        Assert.Contains(assessment.Notes!, n => n.Contains("No test suites found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disabled_unless_the_service_enables_it_and_the_report_says_how()
    {
        var disabled = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddTestCommand().BuildServiceProvider().GetRequiredService<TestCommand>();
        var (assessment, results, section) = await CommandHarness.RunAsync(disabled, Fixture("mixed"), services: CommandHarness.EmptyServices);
        Assert.Empty(assessment.Items);
        Assert.Empty(results);
        Assert.Contains("Commands:Test:Enabled=true", Assert.Single(section.Findings).Message, StringComparison.Ordinal);
        Assert.Contains("disabled", disabled.Descriptor.Description, StringComparison.Ordinal);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Commands:Test:Enabled", "true")]).Build();
        var enabled = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddTestCommand().BuildServiceProvider().GetRequiredService<TestCommand>();
        var assessed = await enabled.AssessAsync(Context(Fixture("mixed")), CancellationToken.None);
        Assert.NotEmpty(assessed.Items);
    }

    [Fact]
    public async Task A_hanging_test_is_killed_at_the_timeout_with_its_children_and_reported()
    {
        var (_, results, section) = await CommandHarness.RunAsync(Command(), Fixture("hang"), """{"suiteTimeoutSeconds":3}""", CommandHarness.EmptyServices);

        var timeout = Assert.Single(section.Findings, f => f.RuleId == TestRules.TimedOut);
        Assert.Contains("3 s timeout", timeout.Message, StringComparison.Ordinal);
        Assert.True(Data(section).GetProperty("totals").GetProperty("timedOut").GetInt32() == 1);
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Empty(ProcessesWith("pa-hang-marker-5f3a"));
    }

    [Fact]
    public async Task Cancelling_the_job_kills_the_runner_and_every_child()
    {
        var command = Command();
        var context = Context(Fixture("hang"));
        var item = Assert.Single((await command.AssessAsync(context, CancellationToken.None)).Items);
        using var cts = new CancellationTokenSource();
        var run = command.ExecuteAsync(context, item, cts.Token);
        for (var i = 0; i < 200 && ProcessesWith("pa-hang-marker-5f3a").Count == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.NotEmpty(ProcessesWith("pa-hang-marker-5f3a"));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(ProcessesWith("pa-hang-marker-5f3a"));
    }

    [Fact]
    public async Task RerunFailed_marks_tests_that_pass_on_the_second_run_as_flaky()
    {
        var (_, _, section) = await CommandHarness.RunAsync(Command(), Fixture("flaky"), """{"rerunFailed":true}""", CommandHarness.EmptyServices);

        var flaky = Assert.Single(section.Findings, f => f.RuleId == TestRules.Flaky);
        Assert.Contains("test_sometimes", flaky.Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Low, flaky.Severity);
        var broken = Assert.Single(section.Findings, f => f.RuleId == TestRules.Failed);
        Assert.Contains("test_always_broken", broken.Message, StringComparison.Ordinal);
        var totals = Data(section).GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("failed").GetInt32());
        Assert.Equal(1, totals.GetProperty("flaky").GetInt32());
    }

    [Fact]
    public async Task The_sandbox_hides_service_secrets_blocks_the_network_and_caps_processes_and_the_job_still_reports()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var root = Path.Combine(Path.GetTempPath(), "pa-testcmd-sandbox-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "tests"));
        await File.WriteAllTextAsync(Path.Combine(root, "tests", "test_escape.py"), SandboxProbe.Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Environment.SetEnvironmentVariable("PA_TEST_SECRET", "s3cr3t-value-7781");
        Environment.SetEnvironmentVariable("Storage__ConnectionString", "AccountKey=abc");
        try
        {
            var (_, results, section) = await CommandHarness.RunAsync(Command(o => o.MaxProcesses = 64), root, services: CommandHarness.EmptyServices);

            Assert.All(results, r => Assert.Null(r.Error));
            var totals = Data(section).GetProperty("totals");
            Assert.True(totals.GetProperty("passed").GetInt32() == 3, string.Join("\n", section.Findings.Select(f => f.Message)));
            Assert.Equal(0, totals.GetProperty("failed").GetInt32());
            Assert.False(listener.Pending());
            Assert.Contains(section.Notes!, n => n.Contains("no network", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PA_TEST_SECRET", null);
            Environment.SetEnvironmentVariable("Storage__ConnectionString", null);
            Directory.Delete(root, true);
        }
    }

    private const string SandboxProbe = """
        import os
        import socket
        import time


        def test_cannot_read_service_secrets():
            leaked = {k: v for k, v in os.environ.items() if "s3cr3t" in v or "AccountKey" in v or k.startswith("PA_TEST")}
            assert leaked == {}, f"leaked: {leaked}"


        def test_cannot_open_a_network_connection():
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=2).close()
                connected = True
            except OSError:
                connected = False
            assert not connected, "connected to the host's listener"


        def test_cannot_start_1000_processes():
            started = []
            for _ in range(1000):
                try:
                    pid = os.fork()
                except OSError:
                    break
                if pid == 0:
                    time.sleep(30)
                    os._exit(0)
                started.append(pid)
            assert len(started) < 1000, f"started {len(started)} processes"
        """;

    private static (int Total, int Failed, int Skipped) Counts(JsonElement counts, int passed)
    {
        Assert.Equal(passed, counts.GetProperty("passed").GetInt32());
        return (counts.GetProperty("passed").GetInt32() + counts.GetProperty("failed").GetInt32() + counts.GetProperty("skipped").GetInt32() + counts.GetProperty("errored").GetInt32(),
            counts.GetProperty("failed").GetInt32(), counts.GetProperty("skipped").GetInt32());
    }
}
