using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using ParallelAgents.Abstractions;
using ParallelAgents.Benchmarks.Engine;
using ParallelAgents.Grains.Workspaces;

namespace ParallelAgents.Benchmarks.Git;

/// <summary>
/// Git workspaces on three silos in one process, each with a checkout cache of its own: on a fresh commit, the time
/// from submission to the first finished item against a plain <c>git clone --depth 1</c> of the same repository, run
/// side by side in each round; a second job on the same commit (no fetch at all); and a diff-aware run
/// (<c>changedSince</c> the previous commit) against the full run.
/// </summary>
public sealed class GitWorkspaceBenchmark : IBenchmarkScenario
{
    private static readonly string[] Categories = ["development", "quality", "security", "architecture", "design", "analysis", "infrastructure", "operations"];

    /// <inheritdoc />
    public string Name => "git";

    /// <inheritdoc />
    public string Description => "git workspace on 3 in-process silos: time to first item on a fresh commit vs git clone --depth 1; same commit again; changedSince vs full (args: files, rounds, changed files).";

    /// <inheritdoc />
    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 6000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var changes = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 24;
        var root = Directory.CreateTempSubdirectory("pa-git-bench-").FullName;
        var services = new List<InProcessService>();
        try
        {
            var repository = Path.Combine(root, "repo");
            Directory.CreateDirectory(repository);
            Git(repository, "init", "-q", "-b", "main", ".");

            // As code hosts do (GitHub, Azure Repos): partial fetches are served, so a base commit comes without blobs.
            Git(repository, "config", "uploadpack.allowFilter", "true");
            var (agents, bytes) = Generate(repository, files);
            Commit(repository, "base");
            var url = new Uri(repository).AbsoluteUri;
            var load = Load();

            for (var i = 0; i < 3; i++)
            {
                var settings = new Dictionary<string, string?>
                {
                    ["Workspaces:AllowedRoots:0"] = root,
                    ["Workspaces:Git:AllowFileUrls"] = "true",
                    ["Workspaces:Git:CacheRoot"] = Path.Combine(root, $"cache-{i}"),
                };
                services.Add(await InProcessService.StartAsync(settings, i == 0 ? null : services[0].SiloEndpoint));
            }

            // Warm-up: JIT, grain activations and the file cache, so that no measured round pays for them.
            await RunJobAsync(services[0], url, null, cancellationToken);

            var rows = new List<Round>();
            for (var round = 0; round < rounds; round++)
            {
                var previous = Git(repository, "rev-parse", "HEAD").Trim();
                Touch(repository, agents, round, changes);
                Commit(repository, $"round {round}");

                var clone = Path.Combine(root, $"clone-{round}");
                var watch = Stopwatch.StartNew();
                Git(root, "clone", "-q", "--depth", "1", "--no-tags", url, clone);
                var cloneMs = watch.Elapsed.TotalMilliseconds;
                Directory.Delete(clone, recursive: true);

                var fetchesBefore = Fetches(services);
                var fresh = await RunJobAsync(services[0], url, null, cancellationToken);
                var fetched = Fetches(services) - fetchesBefore;
                var again = await RunJobAsync(services[0], url, null, cancellationToken);
                var refetched = Fetches(services) - fetchesBefore - fetched;
                var diff = await RunJobAsync(services[0], url, previous, cancellationToken);
                rows.Add(new Round(cloneMs, fresh, again, diff, fetched, refetched));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Repository: {files} files ({bytes / 1024.0 / 1024.0:0.0} MiB, {agents.Count} agent definitions in {Categories.Length} categories), served as file://; 3 silos in one process, each with its own checkout cache; agent-audit with maxInstances 8; {changes} agent files changed per round; {rounds} rounds; {Environment.ProcessorCount} cores; load average before {load}, after {Load()}."));
            Console.WriteLine();
            Console.WriteLine("| round | git clone --depth 1 (ms) | fresh commit: first item (ms) | fresh: job (ms) | silos that fetched | same commit: first item (ms) | same: job (ms) | fetches | changedSince: first item (ms) | changedSince: job (ms) | items full / diff |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {i + 1} | {r.CloneMs:0} | {r.Fresh.FirstItemMs:0} | {r.Fresh.JobMs:0} | {r.Fetched} | {r.Again.FirstItemMs:0} | {r.Again.JobMs:0} | {r.Refetched} | {r.Diff.FirstItemMs:0} | {r.Diff.JobMs:0} | {r.Fresh.Items} / {r.Diff.Items} |"));
            }

            double Median(Func<Round, double> pick) => rows.Select(pick).Order().ElementAt(rows.Count / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **median** | **{Median(r => r.CloneMs):0}** | **{Median(r => r.Fresh.FirstItemMs):0}** | {Median(r => r.Fresh.JobMs):0} | | **{Median(r => r.Again.FirstItemMs):0}** | {Median(r => r.Again.JobMs):0} | | **{Median(r => r.Diff.FirstItemMs):0}** | {Median(r => r.Diff.JobMs):0} | |"));
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"First item on a fresh commit vs clone: **{Median(r => r.Fresh.FirstItemMs) / Median(r => r.CloneMs):0.00}×** the clone's time (the coordinator resolves the ref, fetches the commit, assesses, plans and dispatches before the first item ends). Same commit again: first item in {Median(r => r.Again.FirstItemMs):0} ms with no fetch. changedSince vs full: job {Median(r => r.Diff.JobMs):0} ms vs {Median(r => r.Again.JobMs):0} ms on the same, cached commit."));
        }
        finally
        {
            foreach (var service in services.AsEnumerable().Reverse())
            {
                await service.DisposeAsync();
            }

            Delete(root);
        }
    }

    private static async Task<Measured> RunJobAsync(InProcessService service, string url, string? changedSince, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var firstItem = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new TaskCompletionSource<JobSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = new Stopwatch();
        var stream = service.Client.GetStreamProvider(Names.StreamProvider).GetStream<ProgressEvent>(StreamId.Create(Names.ProgressNamespace, id));
        var handle = await stream.SubscribeAsync((e, _) =>
        {
            // Items a segment finishes between two checkpoints arrive together, some only with its completion:
            // the first item is the first event whose overall progress counts one.
            if (e.Progress.ItemsDone > 0)
            {
                firstItem.TrySetResult(watch.Elapsed.TotalMilliseconds);
            }

            if (e.Kind == ProgressEventKind.JobCompleted)
            {
                done.TrySetResult(e.Snapshot!);
            }

            return Task.CompletedTask;
        });
        var workspace = new WorkspaceRef(null, null)
        {
            Git = new GitSource(url, "main"),
            ChangedSince = changedSince is null ? null : new ChangeBase(changedSince),
        };
        watch.Start();
        await service.Client.GetGrain<ICommandGrain>(id).SubmitAsync(new JobSpec("agent-audit", workspace, """{"maxInstances":8}""", null, DateTimeOffset.UtcNow));
        var snapshot = await done.Task.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
        var jobMs = watch.Elapsed.TotalMilliseconds;
        await handle.UnsubscribeAsync();
        if (snapshot.Status != JobStatus.Completed)
        {
            throw new InvalidOperationException($"The job ended {snapshot.Status}: {snapshot.Error}");
        }

        var first = firstItem.Task.IsCompleted ? await firstItem.Task : double.NaN;
        return new Measured(first, jobMs, snapshot.Progress.ItemsTotal);
    }

    private static long Fetches(IEnumerable<InProcessService> services) => services.Sum(s => s.Services.GetRequiredService<GitCheckoutCache>().Fetches);

    // A repository shaped like a real one: agent definitions, documentation and source files of a few KiB each.
    private static (IReadOnlyList<string> Agents, long Bytes) Generate(string root, int files)
    {
        var agents = new List<string>();
        long bytes = 0;
        var agentCount = Math.Max(Categories.Length, files / 10);
        var docs = files / 10;
        for (var i = 0; i < files; i++)
        {
            string path;
            string text;
            if (i < agentCount)
            {
                var category = Categories[i % Categories.Length];
                path = $".claude/agents/{category}/{category}-{i:D5}.md";
                text = Agent(category, i);
                agents.Add(path);
            }
            else if (i < agentCount + docs)
            {
                path = $"docs/section-{i % 20:D2}/page-{i:D5}.md";
                text = $"# Page {i}\n\n" + string.Concat(Enumerable.Range(0, 40).Select(l => $"Paragraph {l} of page {i}: see [the index](../../README.md) for the overview.\n\n"));
            }
            else
            {
                path = $"src/module-{i % 40:D2}/file-{i:D5}.cs";
                text = $"namespace Module{i % 40};\n\npublic sealed class File{i}\n{{\n" + string.Concat(Enumerable.Range(0, 60).Select(l => $"    public int Method{l}(int x) => x * {l} + {i};\n")) + "}\n";
            }

            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            bytes += Encoding.UTF8.GetByteCount(text);
        }

        File.WriteAllText(Path.Combine(root, "README.md"), "# Benchmark repository\n");
        return (agents, bytes);
    }

    private static string Agent(string category, int i) =>
        $"---\nname: {category}-{i:D5}\ndescription: Expert {category} reviewer {i}. Use PROACTIVELY when {category} code changes.\ntools: Read, Grep, Glob\ncategory: {category}\n---\n\n"
        + string.Concat(Enumerable.Range(0, 30).Select(l => $"- Step {l}: review {category} changes with care and cite file and line.\n"));

    // Edits some agent definitions: the shape of an ordinary change.
    private static void Touch(string root, IReadOnlyList<string> agents, int round, int count)
    {
        for (var k = 0; k < count; k++)
        {
            var path = agents[(round * count + k * 7) % agents.Count];
            var full = Path.Combine(root, path);
            if (File.Exists(full))
            {
                File.AppendAllText(full, $"- Added in round {round}.\n");
            }
        }
    }

    private static string Commit(string repository, string message)
    {
        Git(repository, "add", "-A", ".");
        Git(repository, "commit", "-q", "--allow-empty", "-m", message);
        return Git(repository, "rev-parse", "HEAD").Trim();
    }

    private static string Git(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_AUTHOR_NAME"] = info.Environment["GIT_COMMITTER_NAME"] = "Benchmark";
        info.Environment["GIT_AUTHOR_EMAIL"] = info.Environment["GIT_COMMITTER_EMAIL"] = "bench@example.com";
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void Delete(string folder)
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed record Measured(double FirstItemMs, double JobMs, int Items);

    private sealed record Round(double CloneMs, Measured Fresh, Measured Again, Measured Diff, long Fetched, long Refetched);
}
