namespace ParallelAgents.Api.Telemetry;

/// <summary>The <c>Telemetry</c> section: which exporters run besides the ones the standard variables turn on.</summary>
public sealed class TelemetryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Telemetry";

    /// <summary>The Prometheus scrape endpoint.</summary>
    public PrometheusOptions Prometheus { get; set; } = new();

    /// <summary>Tracing.</summary>
    public TracingOptions Tracing { get; set; } = new();

    /// <summary>Metrics.</summary>
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>The Orleans dashboard.</summary>
    public OrleansDashboardOptions OrleansDashboard { get; set; } = new();

    /// <summary><c>Telemetry:Prometheus</c>.</summary>
    public sealed class PrometheusOptions
    {
        /// <summary>Serve the metrics at <c>/metrics</c> in the Prometheus text format (behind the admin scope when authentication is on).</summary>
        public bool Enabled { get; set; }
    }

    /// <summary><c>Telemetry:Metrics</c>.</summary>
    public sealed class MetricsOptions
    {
        /// <summary>
        /// Also collect Orleans' own meter (<c>Microsoft.Orleans</c>: messaging, catalog, grain calls, streams). On by
        /// default; it records on every message, so a busy cluster that only needs the service's own instruments can
        /// turn it off.
        /// </summary>
        public bool IncludeOrleans { get; set; } = true;
    }

    /// <summary><c>Telemetry:OrleansDashboard</c>.</summary>
    public sealed class OrleansDashboardOptions
    {
        /// <summary>Serve the Orleans dashboard at <c>/orleans</c> (behind the admin scope when authentication is on).</summary>
        public bool Enabled { get; set; } = true;
    }

    /// <summary><c>Telemetry:Tracing</c>.</summary>
    public sealed class TracingOptions
    {
        /// <summary>Share of jobs (traces) recorded, 0–1; a trace is kept or dropped whole.</summary>
        public double SamplingRatio { get; set; } = 0.1;

        /// <summary>
        /// Also record Orleans' own spans (every grain call twice, stream deliveries, reminders and timers). Off by
        /// default: they are most of a job's spans and cost throughput, while the service's spans already name the
        /// silo each step ran on.
        /// </summary>
        public bool IncludeOrleans { get; set; }
    }
}
