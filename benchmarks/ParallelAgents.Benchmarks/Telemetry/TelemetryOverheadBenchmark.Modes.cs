using System.Globalization;

namespace ParallelAgents.Benchmarks.Telemetry;

/// <summary>The configurations the telemetry benchmark compares, and the service settings each one runs with.</summary>
public sealed partial class TelemetryOverheadBenchmark
{
    /// <summary>B3's service settings for <paramref name="mode"/>, exporting to <paramref name="sink"/>.</summary>
    internal static Dictionary<string, string> ServiceSettings(Mode mode, OtlpSink sink)
    {
        var settings = new Dictionary<string, string>
        {
            ["Limits__MaxConcurrentJobsPerIdentity"] = "0",
            ["Limits__SubmissionsPerMinute"] = "0",
            // Off is off whatever this process's environment holds; the service collects nothing without an exporter.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = mode.Ratio is null ? "" : sink.Endpoint,
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "",
            ["Telemetry__Prometheus__Enabled"] = "false",
        };
        if (mode.Ratio is not null)
        {
            settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        }

        // The default ratio is the service's own: no setting, as a deployment that never set it.
        if (mode.Ratio is { } ratio && ratio != DefaultRatio)
        {
            settings["Telemetry__Tracing__SamplingRatio"] = ratio.ToString(CultureInfo.InvariantCulture);
        }

        if (!mode.OrleansMeter)
        {
            settings["Telemetry__Metrics__IncludeOrleans"] = "false";
        }

        foreach (var (key, value) in mode.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// "off", or a sampling ratio, optionally with "/no-orleans-meter" (B3: <c>Telemetry:Metrics:IncludeOrleans=false</c>)
    /// and any number of "+Key=Value" settings for B3's service process (e.g. "0.1+Logging__OpenTelemetry__LogLevel__Default=None"),
    /// to tell which part of the telemetry a cost comes from.
    /// </summary>
    private static Mode ParseMode(string text)
    {
        var parts = text.Split('+');
        var settings = parts.Skip(1).Select(p => p.Split('=', 2)).Select(kv => kv.Length == 2 && kv[0].Length > 0
            ? KeyValuePair.Create(kv[0], kv[1])
            : throw new ArgumentException($"\"{text}\": a setting is +Key=Value")).ToList();
        if (parts[0] == "off")
        {
            return new Mode("off" + Describe(settings), null) { Settings = settings };
        }

        const string noOrleansMeter = "/no-orleans-meter";
        var withoutOrleansMeter = parts[0].EndsWith(noOrleansMeter, StringComparison.Ordinal);
        var ratio = double.Parse(withoutOrleansMeter ? parts[0][..^noOrleansMeter.Length] : parts[0], CultureInfo.InvariantCulture);
        var label = Stats.F(ratio, "0.0##") + (ratio == DefaultRatio ? " (default)" : "") + (withoutOrleansMeter ? ", no Orleans meter" : "") + Describe(settings);
        return new Mode(label, ratio, !withoutOrleansMeter) { Settings = settings };
    }

    private static string Describe(List<KeyValuePair<string, string>> settings) =>
        string.Concat(settings.Select(s => $", {s.Key}={s.Value}"));

    /// <summary>One configuration: no providers, or traces sampled parent-based at <see cref="Ratio"/>.</summary>
    internal sealed record Mode(string Label, double? Ratio, bool OrleansMeter = true)
    {
        /// <summary>Settings of B3's service process besides the telemetry's own.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];
    }
}
