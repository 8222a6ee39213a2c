namespace ParallelAgents.Engine.Hosting;

/// <summary>
/// Every configuration key the service reads, in .NET configuration form (sections joined by ':').
/// Environment variables use '__' for ':'. Deployment templates are checked against this list.
/// </summary>
public static class ConfigurationKeys
{
    public const string StorageProvider = "Storage:Provider";
    public const string StorageConnectionString = "Storage:ConnectionString";
    public const string StorageTableServiceUri = "Storage:TableServiceUri";
    public const string StorageBlobServiceUri = "Storage:BlobServiceUri";
    public const string StorageQueueServiceUri = "Storage:QueueServiceUri";
    public const string AzureClientId = "AZURE_CLIENT_ID";
    public const string OrleansClusterId = "Orleans:ClusterId";
    public const string OrleansServiceId = "Orleans:ServiceId";
    public const string OrleansSiloPort = "Orleans:SiloPort";
    public const string OrleansGatewayPort = "Orleans:GatewayPort";
    public const string OrleansAdvertisedIPAddress = "Orleans:AdvertisedIPAddress";
    public const string OrleansMembership = "Orleans:Membership";

    // The instance's role (Combined, Client, Silo) and how a Client front end reaches the silos.
    public const string OrleansRole = "Orleans:Role";
    public const string OrleansClientUnavailableTimeout = "Orleans:Client:UnavailableTimeout";
    public const string OrleansClientResponseTimeout = "Orleans:Client:ResponseTimeout";
    public const string OrleansClientGatewayListRefreshPeriod = "Orleans:Client:GatewayListRefreshPeriod";
    public const string OrleansClientRetryAfterSeconds = "Orleans:Client:RetryAfterSeconds";
    public const string OrleansClientConnectRetryDelay = "Orleans:Client:ConnectRetryDelay";
    public const string StorageStartupTimeout = "Storage:StartupTimeout";
    public const string WorkspacesAllowedRoots = "Workspaces:AllowedRoots";
    public const string WorkspacesUploadRoot = "Workspaces:UploadRoot";
    public const string AdvisoriesOsvDirectory = "Advisories:OsvDirectory";
    public const string AdvisoriesOsvApiUrl = "Advisories:OsvApiUrl";
    public const string CommandsTestEnabled = "Commands:Test:Enabled";
    public const string AspNetCoreUrls = "ASPNETCORE_URLS";
    public const string AspNetCoreHttpPorts = "ASPNETCORE_HTTP_PORTS";
    public const string AuthAllowAnonymous = "Auth:AllowAnonymous";
    public const string AuthApiKeys = "Auth:ApiKeys";
    public const string AuthEntraAuthority = "Auth:Entra:Authority";
    public const string AuthEntraAudience = "Auth:Entra:Audience";
    public const string LimitsMaxRequestBodyBytes = "Limits:MaxRequestBodyBytes";
    public const string LimitsMaxConcurrentJobsPerIdentity = "Limits:MaxConcurrentJobsPerIdentity";
    public const string LimitsSubmissionsPerMinute = "Limits:SubmissionsPerMinute";
    public const string LimitsConcurrentJobsRetryAfterSeconds = "Limits:ConcurrentJobsRetryAfterSeconds";
    public const string LimitsMaxJobsPerRun = "Limits:MaxJobsPerRun";
    public const string WorkspacesMaxArchiveBytes = "Workspaces:MaxArchiveBytes";
    public const string WorkspacesMaxExtractedBytes = "Workspaces:MaxExtractedBytes";
    public const string WorkspacesMaxFiles = "Workspaces:MaxFiles";

    // Git workspaces; <host> is a host name such as github.com.
    public const string WorkspacesGitCacheRoot = "Workspaces:Git:CacheRoot";
    public const string WorkspacesGitCacheBytes = "Workspaces:Git:CacheBytes";
    public const string WorkspacesGitMaxBytes = "Workspaces:Git:MaxBytes";
    public const string WorkspacesGitAllowedHosts = "Workspaces:Git:AllowedHosts";
    public const string WorkspacesGitAllowFileUrls = "Workspaces:Git:AllowFileUrls";
    public const string WorkspacesGitTimeout = "Workspaces:Git:Timeout";
    public const string WorkspacesGitCredentialToken = "Workspaces:Git:Credentials:<host>:Token";
    public const string WorkspacesGitCredentialUsername = "Workspaces:Git:Credentials:<host>:Username";
    public const string WorkspacesGitCredentialUseManagedIdentity = "Workspaces:Git:Credentials:<host>:UseManagedIdentity";
    public const string WorkspacesGitCredentialScope = "Workspaces:Git:Credentials:<host>:Scope";
    public const string EngineMaxJobDuration = "Engine:MaxJobDuration";
    public const string EngineMaxWorkItemsPerJob = "Engine:MaxWorkItemsPerJob";

    // Model providers of the agent command; <name> is the provider's name, <alias> an agent file's model: value.
    public const string ModelsDefault = "Models:Default";
    public const string ModelsAliases = "Models:Aliases:<alias>";
    public const string ModelsProviderKind = "Models:Providers:<name>:Kind";
    public const string ModelsProviderEndpoint = "Models:Providers:<name>:Endpoint";
    public const string ModelsProviderModel = "Models:Providers:<name>:Model";
    public const string ModelsProviderApiKey = "Models:Providers:<name>:ApiKey";
    public const string ModelsProviderMaxConcurrency = "Models:Providers:<name>:MaxConcurrency";
    public const string ModelsProviderRequestsPerMinute = "Models:Providers:<name>:RequestsPerMinute";
    public const string ModelsProviderTokensPerMinute = "Models:Providers:<name>:TokensPerMinute";
    public const string ModelsProviderInputCostPerMillionTokens = "Models:Providers:<name>:InputCostPerMillionTokens";
    public const string ModelsProviderOutputCostPerMillionTokens = "Models:Providers:<name>:OutputCostPerMillionTokens";
    public const string ModelsProviderTimeout = "Models:Providers:<name>:Timeout";
    public const string ModelsProviderMaxAttempts = "Models:Providers:<name>:MaxAttempts";

    // Telemetry (OpenTelemetry traces, metrics and logs).
    /// <summary>Azure Monitor (Application Insights) connection string; when set, telemetry is exported there.</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>OTLP collector address (the OpenTelemetry standard variable); when set, telemetry is exported there.</summary>
    public const string OtelExporterOtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Serve the metrics for Prometheus to scrape.</summary>
    public const string TelemetryPrometheusEnabled = "Telemetry:Prometheus:Enabled";

    /// <summary>Serve the Orleans dashboard at /orleans (on unless set to false).</summary>
    public const string TelemetryOrleansDashboardEnabled = "Telemetry:OrleansDashboard:Enabled";

    /// <summary>Share of traces kept, from 0 to 1.</summary>
    public const string TelemetryTracingSamplingRatio = "Telemetry:Tracing:SamplingRatio";

    // Admission of segments to the silos (priorities, budgets per silo, ageing) and learned pool sizes.
    public const string SchedulingEnabled = "Scheduling:Enabled";
    public const string SchedulingSegmentsPerCore = "Scheduling:SegmentsPerCore";
    public const string SchedulingMaxSegmentsPerSilo = "Scheduling:MaxSegmentsPerSilo";
    public const string SchedulingLatencyBoundShare = "Scheduling:LatencyBoundShare";
    public const string SchedulingMemoryPerSegmentBytes = "Scheduling:MemoryPerSegmentBytes";
    public const string SchedulingCpuPressurePercent = "Scheduling:CpuPressurePercent";
    public const string SchedulingMemoryPressurePercent = "Scheduling:MemoryPressurePercent";
    public const string SchedulingAgeingInterval = "Scheduling:AgeingInterval";
    public const string SchedulingReportInterval = "Scheduling:ReportInterval";
    public const string SchedulingSiloExpiry = "Scheduling:SiloExpiry";
    public const string SchedulingJobExpiry = "Scheduling:JobExpiry";
    public const string SchedulingLearnFromHistory = "Scheduling:LearnFromHistory";

    /// <summary>The key a scale rule sends (X-Api-Key) to read GET /api/scaling; empty: the endpoint takes the API's own credentials.</summary>
    public const string ScalingApiKey = "Scaling:ApiKey";

    /// <summary>Keys a deployment must set for durable mode with managed identity.</summary>
    public static IReadOnlyList<string> RequiredForDurableManagedIdentity { get; } =
    [
        StorageProvider, StorageTableServiceUri, StorageBlobServiceUri, StorageQueueServiceUri, AzureClientId,
        OrleansClusterId, OrleansServiceId,
    ];

    /// <summary>Every key, including list keys (a key followed by ':N' belongs to its list).</summary>
    public static IReadOnlyList<string> All { get; } = typeof(ConfigurationKeys)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    /// <summary>The environment-variable form of a key ('__' for ':').</summary>
    public static string ToEnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
