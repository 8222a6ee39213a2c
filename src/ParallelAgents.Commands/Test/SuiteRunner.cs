using System.Diagnostics;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Test.Results;
using ParallelAgents.Commands.Test.Sandbox;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Test;

/// <summary>
/// Runs one work item: a private copy of the workspace, the native runner in the sandbox, the machine-readable
/// results read back, failures rerun once when asked. The copy and everything the run started are gone afterwards.
/// </summary>
public sealed class SuiteRunner(SandboxLauncher launcher)
{
    private const int TailForData = 4096;
    private readonly Lock _gate = new();
    private Task<string?>? _python;

    /// <summary>Runs the item; findings for failures, errors, flaky tests, timeouts and runner problems.</summary>
    public async Task<(TestItemData Data, IReadOnlyList<Finding> Findings)> RunAsync(Workspace workspace, TestRunPayload payload, CancellationToken cancellationToken)
    {
        var options = launcher.Options;
        var findings = new List<Finding>();
        var data = new TestItemData
        {
            Suite = payload.SuiteName,
            Ecosystem = payload.Ecosystem.ToString(),
            Runner = payload.Runner,
            Type = payload.Type,
            Shard = payload.Shard,
            Shards = payload.Shards,
        };
        var left = TimeSpan.FromMilliseconds(payload.DeadlineUnixMs - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var timeout = TimeSpan.FromSeconds(Math.Max(1, payload.TimeoutSeconds));
        if (left < timeout)
        {
            timeout = left;
        }

        if (timeout <= TimeSpan.Zero)
        {
            findings.Add(SuiteFinding(TestRules.TimedOut, Severity.High, payload, $"Suite {payload.SuiteName} ({payload.Type}) did not start: the job's time budget was spent. Raise jobTimeoutSeconds or run fewer suites."));
            return (data with { TimedOut = true, Problem = "job time budget spent" }, findings);
        }

        var python = payload.Runner == "pytest" ? await FindPythonAsync(cancellationToken).ConfigureAwait(false) : null;
        using var lease = launcher.LeaseUser();
        var work = Path.Combine(string.IsNullOrEmpty(options.WorkRoot) ? Path.GetTempPath() : options.WorkRoot, "pa-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var copy = Path.Combine(work, "ws");
            var home = Path.Combine(work, "home");
            var output = Path.Combine(work, "out");
            Directory.CreateDirectory(Path.Combine(home, "tmp"));
            Directory.CreateDirectory(output);
            var copyWatch = Stopwatch.StartNew();
            long bytes;
            try
            {
                bytes = WorkspaceCopier.Copy(workspace.RootPath, copy, (long)options.MaxWorkspaceMegabytes * 1024 * 1024);
            }
            catch (WorkspaceTooLargeException e)
            {
                findings.Add(SuiteFinding(TestRules.RunnerUnavailable, Severity.Medium, payload, e.Message));
                return (data with { Problem = e.Message }, findings);
            }

            if (lease.Uid is { } uid)
            {
                WorkspaceCopier.GiveTo(work, uid);
            }

            data = data with { CopyMs = copyWatch.Elapsed.TotalMilliseconds, CopyBytes = bytes };
            var runDir = Path.GetFullPath(Path.Combine(copy, payload.Root));
            var invocation = RunnerCommands.Build(payload, runDir, output, home, python);
            if (invocation.Problem is not null)
            {
                findings.Add(SuiteFinding(TestRules.RunnerUnavailable, Severity.Medium, payload, $"Suite {payload.SuiteName} ({payload.Type}) was not run: {invocation.Problem}."));
                return (data with { Problem = invocation.Problem }, findings);
            }

            var result = await launcher.RunAsync(new SandboxRequest(invocation.Arguments, runDir, home, invocation.Environment, timeout, lease.Uid), cancellationToken).ConfigureAwait(false);
            var parsed = invocation.Parse(result.Output);
            data = data with
            {
                RunMs = result.Elapsed.TotalMilliseconds,
                ExitCode = result.ExitCode,
                TimedOut = result.TimedOut,
                Passed = parsed.Count(TestOutcome.Passed),
                Failed = parsed.Count(TestOutcome.Failed),
                Skipped = parsed.Count(TestOutcome.Skipped),
                Errored = parsed.Count(TestOutcome.Errored),
                TestsMs = parsed.Cases.Sum(c => c.DurationMs),
            };
            if (result.StartError is not null)
            {
                findings.Add(SuiteFinding(TestRules.RunnerUnavailable, Severity.Medium, payload, $"Suite {payload.SuiteName} ({payload.Type}) was not run: {result.StartError}."));
                return (data with { Problem = result.StartError }, findings);
            }

            if (result.TimedOut)
            {
                findings.Add(SuiteFinding(TestRules.TimedOut, Severity.High, payload,
                    $"Suite {payload.SuiteName} ({payload.Type}{ShardText(payload)}) ran past its {timeout.TotalSeconds:0} s timeout; its process tree was killed. Find the hanging test in the output tail or raise suiteTimeoutSeconds."));
                data = data with { Problem = "timed out", OutputTail = Tail(result.Output) };
            }
            else if (parsed.Problem is not null)
            {
                findings.Add(SuiteFinding(TestRules.NoResults, Severity.Medium, payload,
                    $"Suite {payload.SuiteName} ({payload.Type}{ShardText(payload)}) ended with exit code {result.ExitCode} and {parsed.Problem}. Output tail: {Tail(result.Output, 400)}"));
                data = data with { Problem = parsed.Problem, OutputTail = Tail(result.Output) };
            }

            var failures = parsed.Cases.Where(c => c.Outcome is TestOutcome.Failed or TestOutcome.Errored).ToList();
            var flaky = new HashSet<TestCaseResult>();
            if (payload.RerunFailed && failures.Count > 0 && !result.TimedOut)
            {
                var rerunnable = failures.Where(f => f.Selector is not null || payload.Runner is "node" or "jest" or "vitest" or "mocha" or "go" or "cargo").ToArray();
                var again = RunnerCommands.Build(payload, runDir, output, home, python, rerunnable);
                var left2 = TimeSpan.FromMilliseconds(payload.DeadlineUnixMs - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                if (rerunnable.Length > 0 && again.Problem is null && left2 > TimeSpan.Zero)
                {
                    var second = await launcher.RunAsync(new SandboxRequest(again.Arguments, runDir, home, again.Environment, left2 < timeout ? left2 : timeout, lease.Uid), cancellationToken).ConfigureAwait(false);
                    var passedNow = again.Parse(second.Output).Cases.Where(c => c.Outcome == TestOutcome.Passed)
                        .Select(c => (c.Group, c.Name)).ToHashSet();
                    flaky.UnionWith(rerunnable.Where(f => passedNow.Contains((f.Group, f.Name))));
                    data = data with { RerunMs = second.Elapsed.TotalMilliseconds, Flaky = flaky.Count };
                }
            }

            foreach (var failure in failures)
            {
                findings.Add(FailureFinding(workspace, payload, failure, flaky.Contains(failure)));
            }

            return (data, findings);
        }
        finally
        {
            lease.Dispose();
            TryDelete(work);
        }
    }

    /// <summary>The Python the sandbox user can run pytest with, found once.</summary>
    public Task<string?> FindPythonAsync(CancellationToken cancellationToken)
    {
        return FindPython().WaitAsync(cancellationToken);
    }

    private Task<string?> FindPython()
    {
        lock (_gate)
        {
            return _python ??= ProbePythonAsync(CancellationToken.None);
        }
    }

    private async Task<string?> ProbePythonAsync(CancellationToken cancellationToken)
    {
        string[] candidates = string.IsNullOrWhiteSpace(launcher.Options.Python) ? ["python3", "/usr/bin/python3", "python"] : [launcher.Options.Python];
        var home = Path.Combine(Path.GetTempPath(), "pa-test-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(home, "tmp"));
        using var lease = launcher.LeaseUser();
        try
        {
            if (lease.Uid is { } uid)
            {
                WorkspaceCopier.GiveTo(home, uid);
            }

            foreach (var candidate in candidates)
            {
                var result = await launcher.RunAsync(new SandboxRequest([candidate, "-m", "pytest", "--version"], home, home, new Dictionary<string, string>(), TimeSpan.FromSeconds(60), lease.Uid), cancellationToken).ConfigureAwait(false);
                if (result.ExitCode == 0)
                {
                    return candidate;
                }
            }

            return null;
        }
        finally
        {
            TryDelete(home);
        }
    }

    private static Finding FailureFinding(Workspace workspace, TestRunPayload payload, TestCaseResult failure, bool flaky)
    {
        var (file, line) = WorkspaceLocation(workspace, payload.Root, failure.File, failure.Line);
        var name = failure.Group is null || failure.Name.StartsWith(failure.Group, StringComparison.Ordinal) ? failure.Name : $"{failure.Group}::{failure.Name}";
        var what = failure.Outcome == TestOutcome.Errored ? "errored" : "failed";
        var message = flaky
            ? $"Flaky test {name} ({payload.Type}, {payload.SuiteName}) {what} and then passed when run again: {failure.Message ?? "no message"}. Make it deterministic."
            : $"Test {name} ({payload.Type}, {payload.SuiteName}) {what}: {failure.Message ?? "no message"}";
        var rule = flaky ? TestRules.Flaky : failure.Outcome == TestOutcome.Errored ? TestRules.Errored : TestRules.Failed;
        var properties = new Dictionary<string, string>
        {
            ["test"] = name,
            ["suite"] = payload.SuiteName,
            ["type"] = payload.Type,
            ["outcome"] = failure.Outcome.ToString().ToLowerInvariant(),
        };
        if (file is null && failure.File is not null)
        {
            properties["location"] = failure.Line is { } l ? $"{failure.File}:{l}" : failure.File;
        }

        return new Finding(rule, flaky ? Severity.Low : Severity.High, message, file, file is null ? null : line, Properties: properties);
    }

    private static (string? File, int? Line) WorkspaceLocation(Workspace workspace, string root, string? file, int? line)
    {
        if (file is null)
        {
            return (null, null);
        }

        var relative = root == "." ? file : $"{root}/{file}";
        try
        {
            return File.Exists(workspace.FullPath(relative)) ? (relative.Replace('\\', '/'), line) : (null, null);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException or IOException)
        {
            return (null, null);
        }
    }

    private static Finding SuiteFinding(string rule, Severity severity, TestRunPayload payload, string message) =>
        new(rule, severity, message, payload.Project ?? (payload.Root == "." ? null : payload.Root), Properties: new Dictionary<string, string>
        {
            ["suite"] = payload.SuiteName,
            ["type"] = payload.Type,
            ["shard"] = (payload.Shard + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static string ShardText(TestRunPayload payload) => payload.Shards > 1 ? $", shard {payload.Shard + 1}/{payload.Shards}" : string.Empty;

    private static string Tail(string output, int max = TailForData) =>
        output.Length <= max ? output.Trim() : "…" + output[^max..].Trim();

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp directory is not worth failing the item for.
        }
    }
}
