using System.Diagnostics;
using ParallelAgents.Benchmarks.Engine;
using Mode = ParallelAgents.Benchmarks.Telemetry.TelemetryOverheadBenchmark.Mode;

namespace ParallelAgents.Benchmarks.Telemetry;

/// <summary>
/// B3 with every configuration's service process running at once, loaded one at a time in short turns: a round of
/// 200 jobs on each in turn, the order rotating, so configurations compared in one round are seconds apart. This
/// machine's speed drifts by up to 2× over minutes; one process per configuration and round, started in turn with
/// its own warm-up, put that drift on some configurations and not others.
/// </summary>
internal static class InterleavedB3
{
    private const int Jobs = 200;

    /// <summary>How long one configuration is loaded at a time during the warm-up.</summary>
    private static readonly TimeSpan WarmUpTurn = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(Mode[] modes, OtlpSink sink, int rounds, TimeSpan warmUp)
    {
        var services = new List<(Mode Mode, ServiceProcess Service, ThroughputLoad Load)>();
        try
        {
            foreach (var mode in modes)
            {
                var service = await ServiceProcess.StartAsync(TelemetryOverheadBenchmark.ServiceSettings(mode, sink));
                services.Add((mode, service, new ThroughputLoad(service.BaseAddress)));
            }

            // Warm-up in turns, so every process has had the same load (tiered JIT, PGO, pools) before the first round.
            for (var spent = TimeSpan.Zero; spent < warmUp; spent += WarmUpTurn)
            {
                foreach (var s in services)
                {
                    await s.Load.WarmUpAsync(Jobs, WarmUpTurn);
                }
            }

            sink.Reset();
            var phaseStart = services.Select(s => s.Service.ProcessorTime).ToList();
            var figures = new List<(int Round, Mode Mode, double JobsPerSecond, double CpuMsPerJob, int Refused, int Unfinished)>();
            for (var r = 0; r < rounds; r++)
            {
                foreach (var s in services.Skip(r % services.Count).Concat(services.Take(r % services.Count)))
                {
                    var cpu = s.Service.ProcessorTime;
                    var round = await s.Load.RoundAsync(Jobs);
                    var cpuMs = (s.Service.ProcessorTime - cpu).TotalMilliseconds / Jobs;
                    figures.Add((r, s.Mode, round.JobsPerSecond, cpuMs, round.Refused, round.Unfinished));
                }

                Console.Error.WriteLine($"b3i round {r + 1}/{rounds}: " + string.Join("; ", figures.Where(f => f.Round == r).Select(f => $"{f.Mode.Label} {Stats.F(f.JobsPerSecond, "0")} jobs/s {Stats.F(f.CpuMsPerJob, "0.00")} ms")));
            }

            Print(modes, figures.Select(f => (f.Round, f.Mode, f.JobsPerSecond, f.CpuMsPerJob)).ToList(), rounds, warmUp);
            // Everything each process spent while the rounds ran, its idle time during the others' rounds included
            // (exports, timers): what a job costs once the work that follows it is counted too.
            Console.WriteLine("Whole-phase service CPU per job (ms): " + string.Join(", ", services.Select((s, i) =>
                $"{s.Mode.Label} {Stats.F((s.Service.ProcessorTime - phaseStart[i]).TotalMilliseconds / (Jobs * rounds), "0.00")}")) + ".");
            Console.WriteLine($"Refused (503): {figures.Sum(f => f.Refused)}; streams without jobCompleted: {figures.Sum(f => f.Unfinished)}.");
            Console.WriteLine();
        }
        finally
        {
            foreach (var s in services)
            {
                s.Load.Dispose();
                await s.Service.StopAsync(TimeSpan.FromSeconds(30));
                await s.Service.DisposeAsync();
            }
        }
    }

    private static void Print(Mode[] modes, List<(int Round, Mode Mode, double JobsPerSecond, double CpuMsPerJob)> figures, int rounds, TimeSpan warmUp)
    {
        Console.WriteLine($"### B3 with telemetry, interleaved: {modes.Length} service processes at once, {Stats.F(warmUp.TotalSeconds, "0")} s of warm-up each in {Stats.F(WarmUpTurn.TotalSeconds, "0")} s turns, then {rounds} rounds of {Jobs} concurrent 8-segment jobs on each in turn");
        Console.WriteLine();
        Console.WriteLine("| telemetry | jobs/s, median | range | lost vs off, median of the rounds' pairs | pairs' range | service CPU per job (ms), median | range | CPU added vs off, median of the pairs | pairs' range | rounds dearer than off |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var off = modes.Single(m => m.Ratio is null);
        foreach (var mode in modes)
        {
            var mine = figures.Where(f => f.Mode == mode).ToList();
            var lost = new List<double>();
            var added = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                var baseline = figures.Single(f => f.Round == r && f.Mode == off);
                var on = figures.Single(f => f.Round == r && f.Mode == mode);
                lost.Add(1 - (on.JobsPerSecond / baseline.JobsPerSecond));
                added.Add((on.CpuMsPerJob / baseline.CpuMsPerJob) - 1);
            }

            var isOff = mode == off;
            var jobs = mine.Select(f => f.JobsPerSecond).ToArray();
            var cpu = mine.Select(f => f.CpuMsPerJob).ToArray();
            Console.WriteLine($"| {mode.Label} | {Stats.F(Stats.Median(jobs), "0")} | {Stats.F(jobs.Min(), "0")}–{Stats.F(jobs.Max(), "0")} | {(isOff ? "–" : Percent(Stats.Median(lost)))} | {(isOff ? "–" : Percent(lost.Min()) + " to " + Percent(lost.Max()))} | {Stats.F(Stats.Median(cpu), "0.00")} | {Stats.F(cpu.Min(), "0.00")}–{Stats.F(cpu.Max(), "0.00")} | {(isOff ? "–" : Percent(Stats.Median(added)))} | {(isOff ? "–" : Percent(added.Min()) + " to " + Percent(added.Max()))} | {(isOff ? "–" : $"{added.Count(a => a > 0)} of {rounds}")} |");
        }

        Console.WriteLine();
        Console.WriteLine("A pair is one configuration's round against off's in the same round (seconds apart): lost = 1 − on ÷ off, added = on ÷ off − 1; CPU is the user + system time of that configuration's process over its round ÷ 200.");
        Console.WriteLine();
    }

    private static string Percent(double ratio) => (ratio >= 0 ? "+" : "−") + Stats.F(Math.Abs(ratio * 100), "0.0") + " %";
}
