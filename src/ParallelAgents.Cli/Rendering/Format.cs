using System.Globalization;
using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Cli.Rendering;

/// <summary>Short human forms of durations, ratios and states.</summary>
public static class Format
{
    /// <summary>"850 ms", "2.4 s", "3 min 5 s".</summary>
    public static string Duration(double? milliseconds)
    {
        if (milliseconds is not { } ms || double.IsNaN(ms) || ms < 0)
        {
            return "–";
        }

        if (ms < 1000)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms");
        }

        var seconds = ms / 1000;
        if (seconds < 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s");
        }

        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min {span.Seconds} s");
    }

    /// <summary>ETA from seconds.</summary>
    public static string Eta(double? seconds) => seconds is { } s ? (s < 1 ? "< 1 s" : Duration(s * 1000)) : "–";

    /// <summary>"2.85×"; "–" when the figure does not apply.</summary>
    public static string Speedup(double? value) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.00}×") : "–";

    /// <summary>"87 %"; "–" when the figure does not apply.</summary>
    public static string Percent(double? ratio) => ratio is { } r && !double.IsNaN(r) ? string.Create(CultureInfo.InvariantCulture, $"{r * 100:0} %") : "–";

    /// <summary>"12,345 tokens, 12 calls": the short form shown beside a bar.</summary>
    public static string Tokens(ModelUsage usage) =>
        string.Create(CultureInfo.InvariantCulture, $"{usage.TotalTokens:N0} tokens, {usage.Calls} call(s)");

    /// <summary>Everything model calls cost: tokens in and out, calls, cache hits, 429s, retries and the estimated price.</summary>
    public static string Usage(ModelUsage usage) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{usage.InputTokens:N0} input + {usage.OutputTokens:N0} output tokens ({usage.CachedInputTokens:N0} cached), {usage.Calls} call(s), {usage.CacheHits} cache hit(s), {usage.Throttled} 429(s), {usage.Retries} retr(ies), about {usage.CostUsd:0.####} USD");

    /// <summary>camelCase state name as shown on the wire.</summary>
    public static string Name(SegmentStatus state) => state == SegmentStatus.Completed ? "done" : Camel(state.ToString());

    /// <summary>camelCase status name as shown on the wire.</summary>
    public static string Name(JobStatus status) => Camel(status.ToString());

    /// <summary>A silo address "S10.0.0.4:11111:154865395" as "10.0.0.4:11111" (the generation number tells people nothing).</summary>
    public static string Silo(string? silo)
    {
        if (silo is null)
        {
            return "";
        }

        var match = System.Text.RegularExpressions.Regex.Match(silo, @"^S?(.+:\d+):\d+$");
        return match.Success ? match.Groups[1].Value : silo;
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
