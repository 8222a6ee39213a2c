using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ParallelAgents.Api.Security;
using ParallelAgents.Engine.Telemetry;
using ParallelAgents.Models.Clients;

namespace ParallelAgents.Api.Telemetry;

/// <summary>
/// OpenTelemetry for the service, with exporters chosen by configuration: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (the standard <c>OTEL_*</c> variables apply), Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// is set, and a Prometheus scrape endpoint at <c>/metrics</c> when <c>Telemetry:Prometheus:Enabled</c> is true. With
/// none of them nothing is collected, so an unobserved service pays nothing. As the specification's
/// <c>OTEL_TRACES_EXPORTER</c>, <c>OTEL_METRICS_EXPORTER</c> and <c>OTEL_LOGS_EXPORTER</c> say, <c>none</c> leaves
/// that signal out of OTLP (and its provider out, when nothing else takes the signal).
/// </summary>
public static class TelemetryHosting
{
    /// <summary>The service name on every span and metric.</summary>
    public const string ServiceName = "parallel-agents";

    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Orleans' own trace sources.</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Orleans' own meter.</summary>
    private const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Registers the providers and exporters the configuration asks for.</summary>
    public static WebApplicationBuilder AddParallelAgentsTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otlpTraces = otlp && Exports(configuration, "OTEL_TRACES_EXPORTER");
        var otlpMetrics = otlp && Exports(configuration, "OTEL_METRICS_EXPORTER");
        var otlpLogs = otlp && Exports(configuration, "OTEL_LOGS_EXPORTER");
        var azure = !string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        var prometheus = options.Prometheus.Enabled;
        if (!otlpTraces && !otlpMetrics && !otlpLogs && !azure && !prometheus)
        {
            return builder;
        }

        var ratio = Math.Clamp(options.Tracing.SamplingRatio, 0, 1);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: Environment.MachineName));
        if (otlpTraces || azure)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(JobTelemetry.Name, ModelClientFactory.TelemetrySource);
                if (options.Tracing.IncludeOrleans)
                {
                    tracing.AddSource(OrleansSources);
                }

                // The Azure Monitor distribution brings its own HTTP instrumentation and sampler.
                if (!azure)
                {
                    tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)))
                        .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsPlumbing(http.Request.Path))
                        // An outgoing request is recorded as part of a trace already there (a job's span, an incoming
                        // request's), never as a trace of its own: the storage SDK's calls outside a job, or under a
                        // dropped job that starts no span, would each be a one-span trace sampled at the ratio.
                        .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = _ => Activity.Current?.Parent is not null);
                }

                if (otlpTraces)
                {
                    tracing.AddOtlpExporter();
                }
            });
        }

        if (otlpMetrics || azure || prometheus)
        {
            telemetry.WithMetrics(metrics => AddMetrics(metrics, options, otlpMetrics, azure, prometheus));
        }

        if (otlpLogs)
        {
            telemetry.WithLogging(logging => logging.AddOtlpExporter());
        }

        if (azure)
        {
            // The ratio, not the distribution's default rate limit (which wins when set): a job's trace is kept or dropped whole.
            telemetry.UseAzureMonitor(o =>
            {
                o.TracesPerSecond = null;
                o.SamplingRatio = (float)ratio;
            });
        }

        return builder;
    }

    /// <summary>Maps <c>/metrics</c> when the Prometheus exporter is on; behind the admin scope when authentication is on.</summary>
    public static WebApplication MapParallelAgentsTelemetry(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(AuthSchemes.AdminPolicy).ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>The service's, Orleans', ASP.NET Core's, HttpClient's and the runtime's meters, to the exporters that take metrics.</summary>
    private static void AddMetrics(MeterProviderBuilder metrics, TelemetryOptions options, bool otlp, bool azure, bool prometheus)
    {
        metrics.AddMeter(JobTelemetry.Name).AddRuntimeInstrumentation();
        if (options.Metrics.IncludeOrleans)
        {
            metrics.AddMeter(OrleansMeter);
        }

        if (!azure)
        {
            metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
        }

        if (otlp)
        {
            metrics.AddOtlpExporter();
        }

        if (prometheus)
        {
            metrics.AddPrometheusExporter();
        }
    }

    /// <summary>
    /// Whether a signal goes to OTLP by its <c>OTEL_*_EXPORTER</c> variable: unset or <c>otlp</c> yes, <c>none</c> no;
    /// any other exporter the specification names is not one this service has, and stops the start with its name.
    /// </summary>
    private static bool Exports(IConfiguration configuration, string variable)
    {
        var value = configuration[variable]?.Trim();
        return value switch
        {
            null or "" or "otlp" => true,
            "none" => false,
            _ => throw new InvalidOperationException($"{variable}={value}: this service exports over OTLP only; set it to \"otlp\" (the default) or \"none\"."),
        };
    }

    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health") || path.StartsWithSegments("/orleans");
}
