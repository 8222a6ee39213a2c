using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ParallelAgents.Benchmarks.Engine;
using ParallelAgents.Commands;
using ParallelAgents.Commands.Synthetic;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Telemetry;

namespace ParallelAgents.Benchmarks.Telemetry;

/// <summary>
/// B1 and B3 with OpenTelemetry off, sampling traces at the default 0.1 and at 1.0 (or other ratios given), exporting
/// OTLP over http/protobuf to an <see cref="OtlpSink"/> in this process. The configurations alternate within every
/// round (the order rotates from round to round), so the machine's drift falls on all of them alike.
/// </summary>
public sealed partial class TelemetryOverheadBenchmark : IBenchmarkScenario
{
    private const int B1Segments = 64;
    private const int B1JobsPerRound = 40;
    private const int B3Jobs = 200;
    private const int B3RoundsPerStart = 3;

    /// <summary>The service's default sampling ratio (<c>Telemetry:Tracing:SamplingRatio</c>).</summary>
    private const double DefaultRatio = 0.1;

    /// <summary>Orleans' trace sources, as the service registers them.</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    private Mode[] _modes = [];

    public string Name => "tel";

    public string Description => "telemetry overhead: B1 and B3 with OpenTelemetry off / traces sampled at 0.1 / at 1.0, OTLP to an in-process sink, alternating (args: parts=b1,b3 b1-rounds=7 b3-rounds=4 b3-warm-up-s=30 configurations=off,0.1,1; a ratio may end in /no-orleans-meter, any configuration may add +Key=Value settings of B3's service)";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var parts = args.Length > 0 ? args[0].Split(',') : ["b1", "b3"];
        var b1Rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
        var b3Rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
        var b3WarmUp = TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 30);
        // "off" or a sampling ratio; e.g. "off,0,0.1" adds providers that keep no span, to tell their fixed cost from the spans'.
        _modes = [.. (args.Length > 4 ? args[4] : "off,0.1,1").Split(',').Select(ParseMode)];
        if (_modes.Count(m => m.Ratio is null) != 1)
        {
            throw new ArgumentException("the configurations must include \"off\" exactly once: every figure is paired with it");
        }

        await using var sink = await OtlpSink.StartAsync();
        if (parts.Contains("b1"))
        {
            await B1Async(sink, b1Rounds, cancellationToken);
        }

        if (parts.Contains("b3"))
        {
            await B3Async(sink, b3Rounds, b3WarmUp);
        }

        if (parts.Contains("b3i"))
        {
            await InterleavedB3.RunAsync(_modes, sink, b3Rounds, b3WarmUp);
        }
    }

    /// <summary>B1's job (64 segments × 1 no-op item) on an in-process silo, with this process's providers per configuration.</summary>
    private async Task B1Async(OtlpSink sink, int rounds, CancellationToken cancellationToken)
    {
        await using var service = await InProcessService.StartAsync();
        var options = $$"""{"items":{{B1Segments}},"maxInstances":{{B1Segments}},"itemsPerInstance":1}""";
        var command = new SyntheticCommand();
        var context = new CommandContext("bench", null, CommandOptions.Parse(options), new ServiceCollection().AddBuiltInCommands().BuildServiceProvider());
        var items = (await command.AssessAsync(context, cancellationToken)).Items;

        async Task<B1Run> RunAsync(Mode mode, int jobs)
        {
            sink.Reset();
            var providers = mode.Ratio is { } ratio ? Providers.Start(sink.Endpoint, ratio) : null;
            var engine = new List<double>();
            var baseline = new List<double>();
            for (var j = 0; j < jobs; j++)
            {
                var sw = Stopwatch.StartNew();
                var snapshot = await service.RunDirectAsync(SyntheticCommand.Name, options);
                engine.Add(sw.Elapsed.TotalMilliseconds);
                if (snapshot.Instances.Count != B1Segments)
                {
                    throw new InvalidOperationException($"expected {B1Segments} segments, got {snapshot.Instances.Count}");
                }

                sw.Restart();
                await Task.WhenAll(items.Select(i => command.ExecuteAsync(context, i, cancellationToken)));
                baseline.Add(sw.Elapsed.TotalMilliseconds);
            }

            // Shutting the providers down exports what they still hold (spans, and the metrics' only export: their
            // interval is the default 60 s); not part of the timed jobs.
            var flush = Stopwatch.StartNew();
            providers?.Dispose();
            return new B1Run(mode, engine, baseline, flush.Elapsed.TotalMilliseconds, sink.Snapshot());
        }

        // Warm-up, every configuration in turn for about 6 s (tiered JIT, and the SDK's and exporter's first calls).
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(6))
        {
            foreach (var mode in _modes)
            {
                await RunAsync(mode, 10);
            }
        }

        var runs = new List<B1Run>();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var mode in Rotate(r))
            {
                var run = await RunAsync(mode, B1JobsPerRound);
                runs.Add(run);
                Console.Error.WriteLine($"b1 round {r + 1}/{rounds} {mode.Label}: {Stats.F(run.PerSegment, "0.000")} ms per segment");
            }
        }

        Console.WriteLine($"### B1 with telemetry: {B1Segments} segments × 1 no-op item, {rounds} rounds × {B1JobsPerRound} jobs per configuration");
        Console.WriteLine();
        Console.WriteLine("| telemetry | engine overhead per segment (ms), median of rounds | rounds' range | engine job (ms), median | added per segment vs off (ms) | vs off, median of the rounds' ratios | rounds' range |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var mode in _modes)
        {
            var mine = runs.Where(x => x.Mode == mode).Select(x => x.PerSegment).ToArray();
            var engine = runs.Where(x => x.Mode == mode).SelectMany(x => x.Engine).ToArray();
            var (added, ratio, low, high) = Paired(runs.Select(x => (x.Mode, x.PerSegment)).ToList(), mode, rounds, higherIsWorse: true);
            Console.WriteLine($"| {mode.Label} | {Stats.F(Stats.Median(mine), "0.000")} | {Stats.F(mine.Min(), "0.000")}–{Stats.F(mine.Max(), "0.000")} | {Stats.F(Stats.Median(engine))} | {(mode.Ratio is null ? "–" : Signed(added, "0.000"))} | {(mode.Ratio is null ? "–" : Percent(ratio))} | {(mode.Ratio is null ? "–" : Percent(low) + " to " + Percent(high))} |");
        }

        Console.WriteLine();
        Console.WriteLine("Per round and configuration: (median engine job − median `Task.WhenAll` of the same executors) ÷ 64; \"vs off\" pairs each round's figure with the same round's off figure.");
        Console.WriteLine();
        PrintArrivals(runs.Select(x => (x.Mode, (long)x.Engine.Count, x.Sink, x.FlushMs)).ToList(), "jobs", B1Segments);
    }

    /// <summary>B3's load on the service process, started once per configuration and round.</summary>
    private async Task B3Async(OtlpSink sink, int rounds, TimeSpan warmUp)
    {
        var runs = new List<B3Run>();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var mode in Rotate(r))
            {
                var settings = ServiceSettings(mode, sink);
                sink.Reset();
                var service = await ServiceProcess.StartAsync(settings);
                var measured = new List<ThroughputRound>();
                long submitted;
                bool stopped;
                double cpuMsPerJob;
                await using (service)
                {
                    using var load = new ThroughputLoad(service.BaseAddress);
                    await load.WarmUpAsync(B3Jobs, warmUp);
                    // The service's CPU time per job: what telemetry costs the service, much steadier than jobs/s on a
                    // machine whose other load changes from minute to minute.
                    var cpuBefore = service.ProcessorTime;
                    for (var i = 0; i < B3RoundsPerStart; i++)
                    {
                        measured.Add(await load.RoundAsync(B3Jobs));
                    }

                    cpuMsPerJob = (service.ProcessorTime - cpuBefore).TotalMilliseconds / (B3Jobs * B3RoundsPerStart);

                    submitted = load.Submitted;
                    // A graceful stop: the host's shutdown exports what the providers hold (metrics every 60 s otherwise).
                    stopped = await service.StopAsync(TimeSpan.FromSeconds(30));
                }

                var run = new B3Run(mode, r + 1, measured, cpuMsPerJob, submitted, stopped, sink.Snapshot());
                runs.Add(run);
                Console.Error.WriteLine($"b3 round {r + 1}/{rounds} {mode.Label}: {string.Join(", ", measured.Select(m => Stats.F(m.JobsPerSecond, "0")))} jobs/s, {Stats.F(cpuMsPerJob, "0.00")} ms CPU per job");
            }
        }

        Console.WriteLine($"### B3 with telemetry: {B3Jobs} concurrent 8-segment jobs over HTTP, {rounds} rounds; per round each configuration starts its own service process, {Stats.F(warmUp.TotalSeconds, "0")} s of warm-up, then {B3RoundsPerStart} measured rounds");
        Console.WriteLine();
        Console.WriteLine("| round | telemetry | jobs/s of the measured rounds | median | p50 (ms) | p95 (ms) | service CPU per job (ms) | streams without jobCompleted | refused (503) | stopped gracefully |");
        Console.WriteLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var run in runs)
        {
            var latencies = run.Rounds.SelectMany(m => m.Latencies).ToArray();
            Console.WriteLine($"| {run.Round} | {run.Mode.Label} | {string.Join(", ", run.Rounds.Select(m => Stats.F(m.JobsPerSecond, "0")))} | {Stats.F(run.JobsPerSecond, "0")} | {Stats.F(Stats.Median(latencies), "0")} | {Stats.F(Stats.Percentile(latencies, 95), "0")} | {Stats.F(run.CpuMsPerJob, "0.00")} | {run.Rounds.Sum(m => m.Unfinished)} | {run.Rounds.Sum(m => m.Refused)} | {(run.Stopped ? "yes" : "no")} |");
        }

        Console.WriteLine();
        Console.WriteLine("| telemetry | jobs/s, median of all measured rounds | range | median of the starts' medians | starts' range | throughput lost vs off, median of the rounds' ratios | rounds' range | service CPU per job (ms), median | CPU added vs off, median of the rounds' ratios | rounds' range |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var mode in _modes)
        {
            var all = runs.Where(x => x.Mode == mode).SelectMany(x => x.Rounds).Select(m => m.JobsPerSecond).ToArray();
            var starts = runs.Where(x => x.Mode == mode).Select(x => x.JobsPerSecond).ToArray();
            var (_, ratio, low, high) = Paired(runs.Select(x => (x.Mode, x.JobsPerSecond)).ToList(), mode, rounds, higherIsWorse: false);
            var cpu = runs.Where(x => x.Mode == mode).Select(x => x.CpuMsPerJob).ToArray();
            var (_, cpuRatio, cpuLow, cpuHigh) = Paired(runs.Select(x => (x.Mode, x.CpuMsPerJob)).ToList(), mode, rounds, higherIsWorse: true);
            var on = mode.Ratio is not null;
            Console.WriteLine($"| {mode.Label} | {Stats.F(Stats.Median(all), "0")} | {Stats.F(all.Min(), "0")}–{Stats.F(all.Max(), "0")} | {Stats.F(Stats.Median(starts), "0")} | {Stats.F(starts.Min(), "0")}–{Stats.F(starts.Max(), "0")} | {(on ? Percent(ratio) : "–")} | {(on ? Percent(low) + " to " + Percent(high) : "–")} | {Stats.F(Stats.Median(cpu), "0.00")} | {(on ? Percent(cpuRatio) : "–")} | {(on ? Percent(cpuLow) + " to " + Percent(cpuHigh) : "–")} |");
        }

        Console.WriteLine();
        Console.WriteLine("\"Lost vs off\" pairs each start's median with the same round's off start: 1 − on ÷ off (positive = slower); \"CPU added\" pairs its service CPU per job (user + system time of the service process over the measured rounds ÷ their jobs): on ÷ off − 1.");
        Console.WriteLine();
        PrintArrivals(runs.Select(x => (x.Mode, x.Submitted, x.Sink, 0.0)).ToList(), "jobs submitted (warm-up included)", 8);
    }

    /// <summary>What reached the sink per configuration, summed over its runs, and the spans by scope and name.</summary>
    private void PrintArrivals(List<(Mode Mode, long Jobs, SinkSnapshot Sink, double FlushMs)> runs, string jobsLabel, int itemsPerJob)
    {
        Console.WriteLine($"| telemetry | {jobsLabel} | spans | spans per job | traces | `parallelagents.item` spans ÷ items run | trace requests (KB) | metric requests (KB), streams | log requests (KB), records |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var mode in _modes.Where(m => m.Ratio is not null))
        {
            var mine = runs.Where(x => x.Mode == mode).ToList();
            var jobs = mine.Sum(x => x.Jobs);
            var traces = Sum(mine, "traces");
            var metrics = Sum(mine, "metrics");
            var logs = Sum(mine, "logs");
            var items = mine.Sum(x => x.Sink.SpansNamed(JobTelemetry.ItemSpan));
            Console.WriteLine($"| {mode.Label} | {jobs} | {traces.Entries} | {Stats.F(traces.Entries / (double)jobs, "0.0")} | {mine.Sum(x => x.Sink.Traces)} | {Stats.F(items / (double)(jobs * itemsPerJob), "0.000")} | {traces.Requests} ({Stats.F(traces.Bytes / 1024.0, "0")}) | {metrics.Requests} ({Stats.F(metrics.Bytes / 1024.0, "0")}), {metrics.Entries} | {logs.Requests} ({Stats.F(logs.Bytes / 1024.0, "0")}), {logs.Entries} |");
        }

        if (runs.Any(x => x.FlushMs > 0))
        {
            Console.WriteLine();
            Console.WriteLine("Providers' shutdown (export of what they held, untimed in the figures above), median ms: " +
                string.Join(", ", _modes.Where(m => m.Ratio is not null).Select(m => $"{m.Label} {Stats.F(Stats.Median(runs.Where(x => x.Mode == m).Select(x => x.FlushMs)), "0")}")) + ".");
        }

        Console.WriteLine();
        Console.WriteLine("| scope | span | " + string.Join(" | ", _modes.Where(m => m.Ratio is not null).Select(m => $"{m.Label}: per job (roots)")) + " |");
        Console.WriteLine("|---|---|" + string.Concat(_modes.Where(m => m.Ratio is not null).Select(_ => "---:|")));
        var names = runs.SelectMany(x => x.Sink.Spans.Keys).Distinct().OrderBy(k => k.Scope, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal);
        foreach (var key in names)
        {
            var cells = _modes.Where(m => m.Ratio is not null).Select(m =>
            {
                var mine = runs.Where(x => x.Mode == m).ToList();
                var spans = mine.Sum(x => x.Sink.Spans.GetValueOrDefault(key).Spans);
                var roots = mine.Sum(x => x.Sink.Spans.GetValueOrDefault(key).Roots);
                return $"{Stats.F(spans / (double)mine.Sum(x => x.Jobs), "0.00")} ({roots})";
            });
            Console.WriteLine($"| {key.Scope} | {key.Name} | {string.Join(" | ", cells)} |");
        }

        Console.WriteLine();
    }

    private static SignalCount Sum(List<(Mode Mode, long Jobs, SinkSnapshot Sink, double FlushMs)> runs, string signal) =>
        new(runs.Sum(x => x.Sink.Signal(signal).Requests), runs.Sum(x => x.Sink.Signal(signal).Bytes), runs.Sum(x => x.Sink.Signal(signal).Entries));

    /// <summary>
    /// Pairs each round's figure of <paramref name="mode"/> with the same round's off figure: the median difference, and
    /// the median, lowest and highest relative change (on ÷ off − 1 when higher is worse, 1 − on ÷ off otherwise).
    /// </summary>
    private static (double Added, double Ratio, double Low, double High) Paired(List<(Mode Mode, double Value)> figures, Mode mode, int rounds, bool higherIsWorse)
    {
        var perRound = figures.Count / rounds;
        var added = new List<double>();
        var ratios = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var round = figures.Skip(r * perRound).Take(perRound).ToList();
            var off = round.First(x => x.Mode.Ratio is null).Value;
            var on = round.First(x => x.Mode == mode).Value;
            added.Add(on - off);
            ratios.Add(higherIsWorse ? (on / off) - 1 : 1 - (on / off));
        }

        return (Stats.Median(added), Stats.Median(ratios), ratios.Min(), ratios.Max());
    }

    /// <summary>The configurations in round <paramref name="round"/>'s order: each one leads in turn.</summary>
    private IEnumerable<Mode> Rotate(int round) => _modes.Skip(round % _modes.Length).Concat(_modes.Take(round % _modes.Length));

    private static string Percent(double ratio) => Signed(ratio * 100, "0.0") + " %";

    private static string Signed(double value, string format) => (value >= 0 ? "+" : "−") + Stats.F(Math.Abs(value), format);

    private sealed record B1Run(Mode Mode, List<double> Engine, List<double> Baseline, double FlushMs, SinkSnapshot Sink)
    {
        public double PerSegment => (Stats.Median(Engine) - Stats.Median(Baseline)) / B1Segments;
    }

    private sealed record B3Run(Mode Mode, int Round, List<ThroughputRound> Rounds, double CpuMsPerJob, long Submitted, bool Stopped, SinkSnapshot Sink)
    {
        public double JobsPerSecond => Stats.Median(Rounds.Select(m => m.JobsPerSecond));
    }

    /// <summary>
    /// The benchmark process's tracer and meter providers, as the service configures them for OTLP: the service's and
    /// Orleans' sources and meters, the parent-based ratio sampler, the default batch span processor and periodic
    /// metric reader, OTLP over http/protobuf.
    /// </summary>
    private sealed class Providers(TracerProvider tracer, MeterProvider meter) : IDisposable
    {
        public static Providers Start(string endpoint, double ratio)
        {
            var resource = ResourceBuilder.CreateDefault().AddService("parallel-agents-bench");
            var tracer = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(JobTelemetry.Name)
                .AddSource(OrleansSources)
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)))
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = new Uri(endpoint + "/v1/traces");
                    o.Protocol = OtlpExportProtocol.HttpProtobuf;
                })
                .Build();
            var meter = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(JobTelemetry.Name, "Microsoft.Orleans")
                .AddOtlpExporter((o, _) =>
                {
                    o.Endpoint = new Uri(endpoint + "/v1/metrics");
                    o.Protocol = OtlpExportProtocol.HttpProtobuf;
                })
                .Build();
            return new Providers(tracer, meter);
        }

        public void Dispose()
        {
            tracer.Dispose();
            meter.Dispose();
        }
    }
}
