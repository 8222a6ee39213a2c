using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;
using ParallelAgents.Benchmarks.Engine;
using ParallelAgents.Commands.Agent;
using ParallelAgents.Models.Clients;
using ParallelAgents.Models.Configuration;
using ParallelAgents.Models.Usage;

namespace ParallelAgents.Benchmarks.Models;

/// <summary>
/// The <c>agent</c> command on an in-process silo against OpenAI-wire model servers in the same process: the fan-out
/// of latency-bound calls (8 instances vs 1), a provider's requests-per-minute cap held against a server that
/// enforces the same cap, and the engine's cost per model call against a bare loop of SDK calls.
/// </summary>
public sealed class ModelAgentBenchmark : IBenchmarkScenario
{
    private const string Model = "bench-model";
    private const int FanOutItems = 64;
    private const int Cap = 120;
    private static readonly TimeSpan FanOutDelay = TimeSpan.FromSeconds(1.5);

    public string Name => "models";

    public string Description => "agent command on a model server: 64 calls × 1.5 s with 8 instances vs 1; RequestsPerMinute=120 against a server enforcing 120/min; engine cost per model call vs a bare SDK loop";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        // models [rateMinutes=2] [overheadCalls=200] [overheadRounds=5] [parts=overhead,fanout,rate]
        // rate-warm (not in the default parts) runs the rate part again after a few calls on the capped provider and a
        // minute's pause, so its client and connection are warm and both windows empty.
        var rateMinutes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        var overheadCalls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var overheadRounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        if (rateMinutes < 1 || overheadCalls < 1 || overheadRounds < 1)
        {
            throw new ArgumentException("usage: models [rateMinutes ≥ 1] [overheadCalls ≥ 1] [overheadRounds ≥ 1] [parts]");
        }

        var parts = (args.Length > 3 ? args[3] : "overhead,fanout,rate").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        await using var fanOutServer = await BenchmarkModelServer.StartAsync();
        fanOutServer.Delay = FanOutDelay;
        await using var cappedServer = await BenchmarkModelServer.StartAsync();
        cappedServer.RequestsPerMinute = Cap;
        await using var fastServer = await BenchmarkModelServer.StartAsync();
        fastServer.RecordBodies = true;

        var root = Directory.CreateTempSubdirectory("pa-models-bench-").FullName;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Workspaces:AllowedRoots:0"] = root,
                ["Models:Default"] = "fast",
            };
            // Fan-out: exactly the 8 calls in flight that 8 instances make. Capped: the cap under test, and a concurrency
            // limit that never binds. Fast: the overhead measurement, one call at a time.
            Provider(settings, "fanout", fanOutServer, "MaxConcurrency", "8");
            Provider(settings, "capped", cappedServer, "MaxConcurrency", "64", "RequestsPerMinute", Cap.ToString(CultureInfo.InvariantCulture));
            Provider(settings, "fast", fastServer, "MaxConcurrency", "8");
            await using var service = await InProcessService.StartAsync(settings);
            var bench = new Runner(service, root);

            // Warm-up of the engine, the agent command and the client pipeline (the capped provider stays cold, see below).
            await bench.RunJobAsync("fast", 16, 8, "warm-8", TimeSpan.FromMinutes(2));
            await bench.RunJobAsync("fast", 16, 1, "warm-1", TimeSpan.FromMinutes(2));
            fastServer.Reset();

            var summary = new List<string>();
            if (parts.Contains("overhead"))
            {
                summary.Add(await OverheadAsync(bench, fastServer, overheadCalls, overheadRounds));
            }

            if (parts.Contains("fanout"))
            {
                summary.Add(await FanOutAsync(bench, fanOutServer));
            }

            if (parts.Contains("rate"))
            {
                summary.Add(await RateAsync(bench, cappedServer, rateMinutes, warm: false));
            }

            if (parts.Contains("rate-warm"))
            {
                summary.Add(await RateAsync(bench, cappedServer, rateMinutes, warm: true));
            }

            Console.WriteLine("### Summary");
            Console.WriteLine();
            Console.WriteLine("| measure | result | target |");
            Console.WriteLine("|---|---|---|");
            foreach (var row in summary)
            {
                Console.WriteLine(row);
            }

            Console.WriteLine();
            Console.WriteLine($"One in-process silo (memory mode) and three model servers in the same process, {Environment.ProcessorCount} cores. {Stats.PeakMemoryMb()}.");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Provider(Dictionary<string, string?> settings, string name, BenchmarkModelServer server, params string[] extra)
    {
        var prefix = $"Models:Providers:{name}:";
        settings[prefix + "Kind"] = "OpenAI";
        settings[prefix + "Endpoint"] = server.Endpoint;
        settings[prefix + "Model"] = Model;
        settings[prefix + "ApiKey"] = "sk-bench-not-a-secret";
        for (var i = 0; i + 1 < extra.Length; i += 2)
        {
            settings[prefix + extra[i]] = extra[i + 1];
        }
    }

    private static async Task<string> FanOutAsync(Runner bench, BenchmarkModelServer server)
    {
        server.Reset();
        var eight = await bench.RunJobAsync("fanout", FanOutItems, 8, "fanout-8", TimeSpan.FromMinutes(5));
        var eightConcurrent = server.MaxConcurrent;
        var eightCalls = server.Calls;
        server.Reset();
        var one = await bench.RunJobAsync("fanout", FanOutItems, 1, "fanout-1", TimeSpan.FromMinutes(5));
        var oneConcurrent = server.MaxConcurrent;
        var oneCalls = server.Calls;
        var speedup = one.Snapshot.Metrics.WallMs / eight.Snapshot.Metrics.WallMs;
        var ideal = FanOutItems * FanOutDelay.TotalMilliseconds;

        Console.WriteLine($"### Fan-out: {FanOutItems} items, one file each, every call answered after {FanOutDelay.TotalSeconds} s");
        Console.WriteLine();
        Console.WriteLine("| configuration | segments | calls at the server | most in flight | job wall, dispatch → last segment (ms) | submit → completion (ms) | floor (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| maxInstances 8 | {eight.Snapshot.Instances.Count} | {eightCalls} | {eightConcurrent} | {Stats.F(eight.Snapshot.Metrics.WallMs, "0")} | {Stats.F(eight.ClientMs, "0")} | {Stats.F(ideal / 8, "0")} |");
        Console.WriteLine($"| maxInstances 1 | {one.Snapshot.Instances.Count} | {oneCalls} | {oneConcurrent} | {Stats.F(one.Snapshot.Metrics.WallMs, "0")} | {Stats.F(one.ClientMs, "0")} | {Stats.F(ideal, "0")} |");
        Console.WriteLine();
        Console.WriteLine($"**Speedup 8 vs 1: {Stats.F(speedup)}×** (ideal 8×, target ≥ 7.5×); above the {FanOutDelay.TotalSeconds} s floor per call: " +
            $"{Stats.F((eight.Snapshot.Metrics.WallMs - (ideal / 8)) / (FanOutItems / 8.0), "0.0")} ms with 8 instances, {Stats.F((one.Snapshot.Metrics.WallMs - ideal) / FanOutItems, "0.0")} ms with 1. One run each (the single instance takes {Stats.F(one.Snapshot.Metrics.WallMs / 1000, "0")} s).");
        Console.WriteLine();
        return $"| fan-out, {FanOutItems} calls × {FanOutDelay.TotalSeconds} s, 8 instances vs 1 | **{Stats.F(speedup)}×** ({Stats.F(eight.Snapshot.Metrics.WallMs / 1000, "0.00")} s vs {Stats.F(one.Snapshot.Metrics.WallMs / 1000, "0.00")} s) | ≥ 7.5× |";
    }

    private static async Task<string> RateAsync(Runner bench, BenchmarkModelServer server, int minutes, bool warm)
    {
        if (warm)
        {
            server.Reset();
            await bench.RunJobAsync("capped", 8, 8, "rate-warm-up", TimeSpan.FromMinutes(2));
            await Task.Delay(TimeSpan.FromSeconds(61));
        }

        // The first minute's allowance goes out at once; after it every call waits for a call of the previous minute
        // to leave the window. Cap × (minutes + 1) + 1 items make the limited part exactly `minutes` whole windows long.
        var items = (Cap * (minutes + 1)) + 1;
        server.Reset();
        var run = await bench.RunJobAsync("capped", items, 8, warm ? "rate-warm" : "rate", TimeSpan.FromMinutes(minutes + 4));
        var arrivals = server.Arrivals;
        var attempts = server.Attempts;
        double At(int call) => Stopwatch.GetElapsedTime(arrivals[0], arrivals[call - 1]).TotalSeconds;
        var steadyFirst = Cap + 1;
        var steadyCalls = arrivals.Count - steadyFirst;
        var steadySeconds = At(arrivals.Count) - At(steadyFirst);
        var rate = steadyCalls / steadySeconds * 60;
        var deviation = (rate / Cap) - 1;
        // The tightest stretch of Cap + 1 consecutive calls as the server saw them (429s included): under 60 s is an overrun.
        var tightest = attempts.Count > Cap
            ? Enumerable.Range(0, attempts.Count - Cap).Min(i => Stopwatch.GetElapsedTime(attempts[i], attempts[i + Cap]).TotalSeconds)
            : double.NaN;
        var usage = run.Usage;

        var variant = warm ? "capped provider warmed first, windows empty" : "capped provider's first job";
        Console.WriteLine($"### Rate cap: RequestsPerMinute={Cap}, MaxConcurrency 64, 8 instances, {items} items, server answering at once ({variant})");
        Console.WriteLine();
        Console.WriteLine("| minute since the first call | calls arriving at the server |");
        Console.WriteLine("|---:|---:|");
        var total = At(arrivals.Count);
        for (var m = 0; m * 60 <= total; m++)
        {
            var count = Enumerable.Range(1, arrivals.Count).Count(c => At(c) >= m * 60 && At(c) < (m + 1) * 60);
            Console.WriteLine($"| {m + 1} | {count} |");
        }

        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| calls accepted by the server | {arrivals.Count} |");
        Console.WriteLine($"| 429 answers sent by the server | {server.TooManyRequests} |");
        Console.WriteLine($"| 429s / retries the job reported | {usage?.Throttled.ToString(CultureInfo.InvariantCulture) ?? "–"} / {usage?.Retries.ToString(CultureInfo.InvariantCulture) ?? "–"} |");
        Console.WriteLine($"| first minute's allowance ({Cap} calls) sent within (s) | {Stats.F(At(Cap), "0.000")} |");
        Console.WriteLine($"| steady part: calls {steadyFirst}–{arrivals.Count}, arrival of call {steadyFirst} → call {arrivals.Count} (s) | {Stats.F(steadySeconds, "0.000")} |");
        Console.WriteLine($"| **achieved rate over the steady part (calls/min)** | **{Stats.F(rate, "0.0")}** ({Stats.F(deviation * 100, "+0.00;-0.00")} % of the cap) |");
        Console.WriteLine($"| tightest {Cap + 1} consecutive arrivals, 429s included (s; under 60 is an overrun) | {Stats.F(tightest, "0.000")} |");
        Console.WriteLine($"| job status, findings | {run.Snapshot.Status}, {run.Findings} |");
        foreach (var (at, early) in server.Rejections.Take(10))
        {
            Console.WriteLine($"| a 429: arrived {Stats.F(Stopwatch.GetElapsedTime(attempts[0], at).TotalSeconds, "0.000")} s after the first call, early by (ms) | {Stats.F(early.TotalMilliseconds, "0.0")} |");
        }

        Console.WriteLine($"| job wall, dispatch → last segment (s) | {Stats.F(run.Snapshot.Metrics.WallMs / 1000, "0.0")} |");
        Console.WriteLine();
        Console.WriteLine($"The achieved rate is the server's count over whole windows: the {steadyCalls} calls after call {steadyFirst} (the first one the limiter held back) divided by the time from its arrival to the last call's, so the figure does not depend on where a burst falls against a clock minute.");
        Console.WriteLine();
        return $"| rate cap, RequestsPerMinute={Cap}, {minutes} min limited{(warm ? ", warm provider" : "")} | **{Stats.F(rate, "0.0")} calls/min** ({Stats.F(deviation * 100, "+0.00;-0.00")} %), **{server.TooManyRequests} × 429** | within 5 %, zero 429s |";
    }

    private static async Task<string> OverheadAsync(Runner bench, BenchmarkModelServer server, int calls, int rounds)
    {
        var factory = bench.Service.Services.GetRequiredService<ModelClientFactory>();
        var pipeline = factory.GetClient(new ModelTarget("fast", Model));
        using var bare = new OpenAI.Chat.ChatClient(Model, new ApiKeyCredential("sk-bench-not-a-secret"), new OpenAIClientOptions
        {
            Endpoint = new Uri(server.Endpoint),
            RetryPolicy = new ClientRetryPolicy(0),
        }).AsIChatClient();

        var engine = new List<double>();
        var engineWall = new List<double>();
        var sdk = new List<double>();
        var piped = new List<double>();
        var round = 0;
        async Task Round(bool keep)
        {
            round++;
            server.Reset();
            var run = await bench.RunJobAsync("fast", calls, 1, $"overhead-{round}", TimeSpan.FromMinutes(5));
            var requests = server.Bodies.Select(Replay).ToArray();
            if (requests.Length != calls)
            {
                throw new InvalidOperationException($"expected {calls} calls at the server, got {requests.Length}");
            }

            var sw = Stopwatch.StartNew();
            foreach (var (messages, options) in requests)
            {
                await bare.GetResponseAsync(messages, options);
            }

            var sdkMs = sw.Elapsed.TotalMilliseconds;

            // The same requests through the service's client pipeline, made unique so the response cache misses as the
            // engine's calls did (a lookup and a write per call).
            sw.Restart();
            foreach (var (messages, options) in requests)
            {
                using var scope = ModelCallScope.Begin();
                await pipeline.GetResponseAsync([.. messages.SkipLast(1), new ChatMessage(ChatRole.User, messages[^1].Text + $"\n(pipeline round {round})")], options);
            }

            var pipedMs = sw.Elapsed.TotalMilliseconds;
            if (keep)
            {
                engine.Add(run.ClientMs / calls);
                engineWall.Add(run.Snapshot.Metrics.WallMs / calls);
                sdk.Add(sdkMs / calls);
                piped.Add(pipedMs / calls);
            }
        }

        // Tiered JIT dominates the first rounds.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Round(keep: false);
        }

        for (var r = 0; r < rounds; r++)
        {
            await Round(keep: true);
        }

        var difference = Stats.Median(engine) - Stats.Median(sdk);
        Console.WriteLine($"### Engine overhead per model call: {calls} calls, one instance, server answering at once");
        Console.WriteLine();
        Console.WriteLine("| path | median ms per call | min | max |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| engine job (maxInstances 1), submit → completion ÷ calls | {Stats.F(Stats.Median(engine), "0.000")} | {Stats.F(engine.Min(), "0.000")} | {Stats.F(engine.Max(), "0.000")} |");
        Console.WriteLine($"| engine job, dispatch → last segment ÷ calls | {Stats.F(Stats.Median(engineWall), "0.000")} | {Stats.F(engineWall.Min(), "0.000")} | {Stats.F(engineWall.Max(), "0.000")} |");
        Console.WriteLine($"| the service's client pipeline alone (cache, retry, limiter grain, SDK), sequential loop | {Stats.F(Stats.Median(piped), "0.000")} | {Stats.F(piped.Min(), "0.000")} | {Stats.F(piped.Max(), "0.000")} |");
        Console.WriteLine($"| bare OpenAI SDK `IChatClient.GetResponseAsync`, sequential loop | {Stats.F(Stats.Median(sdk), "0.000")} | {Stats.F(sdk.Min(), "0.000")} | {Stats.F(sdk.Max(), "0.000")} |");
        Console.WriteLine($"| **engine − bare SDK** | **{Stats.F(difference, "0.000")}** | | |");
        Console.WriteLine();
        Console.WriteLine($"{rounds} rounds after 5 s of warm-up; each round is a fresh workspace of {calls} files (the engine's calls miss the response cache), and the loops replay the exact requests the engine's round sent (messages, output limit, JSON schema).");
        Console.WriteLine();
        return $"| engine cost per model call, {calls} calls, 1 instance vs a bare SDK loop | **{Stats.F(Stats.Median(engine), "0.00")} vs {Stats.F(Stats.Median(sdk), "0.00")} ms** (+{Stats.F(difference, "0.00")} ms) | (reported) |";
    }

    // A recorded Chat Completions body as the Microsoft.Extensions.AI request that produces it.
    private static (ChatMessage[] Messages, ChatOptions Options) Replay(JsonObject body)
    {
        var messages = (body["messages"] as JsonArray ?? []).Select(m => new ChatMessage(
            new ChatRole((string?)m?["role"] ?? "user"),
            m?["content"] switch
            {
                JsonValue v when v.TryGetValue(out string? s) => s,
                JsonArray parts => string.Join("\n", parts.Select(p => (string?)p?["text"] ?? "")),
                _ => "",
            })).ToArray();
        var options = new ChatOptions
        {
            ModelId = (string?)body["model"],
            MaxOutputTokens = (int?)body["max_completion_tokens"] ?? (int?)body["max_tokens"],
        };
        if (body["response_format"]?["json_schema"] is JsonObject schema && schema["schema"] is { } json)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonSerializer.Deserialize<JsonElement>(json.ToJsonString()), (string?)schema["name"], (string?)schema["description"]);
        }

        return (messages, options);
    }

    private sealed record JobRun(JobSnapshot Snapshot, double ClientMs, int Findings, ModelUsage? Usage);

    /// <summary>Runs agent jobs on generated workspaces of small files, one item per file.</summary>
    private sealed class Runner(InProcessService service, string root)
    {
        public InProcessService Service => service;

        public async Task<JobRun> RunJobAsync(string provider, int files, int maxInstances, string tag, TimeSpan timeout)
        {
            // A fresh tree per job: the response cache would otherwise answer a rerun without a call.
            var workspace = Path.Combine(root, tag);
            for (var i = 0; i < files; i++)
            {
                var path = Path.Combine(workspace, "src", $"file{i:D4}.cs");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, $"// {tag}: file {i}\npublic static class C{i}\n{{\n    public static int Value => {i};\n}}\n");
            }

            var options = JsonSerializer.Serialize(new { agent = "code-reviewer", partitionBy = "file", provider, maxInstances });
            var sw = Stopwatch.StartNew();
            var snapshot = await service.RunAsync(AgentCommand.Name, options, new WorkspaceRef(workspace, null), timeout);
            var clientMs = sw.Elapsed.TotalMilliseconds;
            var report = await service.Client.GetGrain<ICommandGrain>(snapshot.Id).GetReportAsync();
            if (snapshot.Status != JobStatus.Completed || report is null || report.Findings.Count != files)
            {
                throw new InvalidOperationException($"job {tag} ended {snapshot.Status} with {report?.Findings.Count} findings of {files}: {snapshot.Error} {string.Join("; ", report?.Errors.Take(3).Select(e => e.Message) ?? [])}");
            }

            ModelUsage? usage = null;
            if (report.DataJson is { } data && JsonNode.Parse(data)?["usage"] is { } node)
            {
                usage = node.Deserialize<ModelUsage>(new JsonSerializerOptions(JsonSerializerDefaults.Web));
            }

            return new JobRun(snapshot, clientMs, report.Findings.Count, usage);
        }
    }
}
