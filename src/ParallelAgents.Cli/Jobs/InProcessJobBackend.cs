using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Hosting;
using ParallelAgents.Engine.Reports;
using ParallelAgents.Engine.Runs;
using ParallelAgents.Engine.Submission;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Engine.Workspaces.Git;
using ParallelAgents.Hosting;

namespace ParallelAgents.Cli.Jobs;

/// <summary>Runs jobs on an Orleans silo hosted in this process (in-memory state), the same engine the service uses.</summary>
public sealed class InProcessJobBackend : IJobBackend
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly IHost _host;
    private readonly IGrainFactory _grains;
    private readonly CommandRegistry _registry;
    private readonly SubmissionService _submissions;
    private readonly string? _defaultWorkspace;
    private readonly string _uploadRoot;

    /// <summary>Default levels of the in-process silo's log, by category; the environment's Logging__LogLevel__* wins.</summary>
    internal static readonly IReadOnlyDictionary<string, string?> LoggingDefaults = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
        // Orleans warns about a single-silo development cluster (no server GC, one silo) on every start.
        ["Logging:LogLevel:Orleans"] = "Error",
        ["Logging:LogLevel:Polly"] = "Error",
        ["Logging:LogLevel:Microsoft"] = "Error",
        ["Logging:LogLevel:System.Net.Http"] = "Error",
    };

    private InProcessJobBackend(IHost host, string? defaultWorkspace, string uploadRoot)
    {
        _host = host;
        _defaultWorkspace = defaultWorkspace;
        _uploadRoot = uploadRoot;
        _grains = host.Services.GetRequiredService<IGrainFactory>();
        _registry = host.Services.GetRequiredService<CommandRegistry>();
        _submissions = host.Services.GetRequiredService<SubmissionService>();
    }

    /// <summary>
    /// Starts a single-silo cluster on free loopback ports that may read workspaces under <paramref name="allowedRoot"/>,
    /// which is also the workspace of jobs that name none but need one.
    /// </summary>
    public static async Task<InProcessJobBackend> StartAsync(string allowedRoot, CancellationToken cancellationToken)
    {
        var uploadRoot = Path.Combine(Path.GetTempPath(), "parallel-agents-cli", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "parallel-agents" });
        builder.Configuration.AddEnvironmentVariables();
        var settings = new Dictionary<string, string?>
        {
            ["Workspaces:UploadRoot"] = uploadRoot,
            ["Workspaces:AllowedRoots:0"] = allowedRoot,

            // A local run may name a repository on this machine (file://), still only under the allowed root.
            ["Workspaces:Git:AllowFileUrls"] = "true",
        };
        builder.Configuration.AddInMemoryCollection(settings);

        // The terminal shows the job's progress: the silo's own log goes to stderr, and only problems reach it.
        // Logging__LogLevel__<category> in the environment overrides these defaults.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = LoggingDefaults });
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var configuration = builder.Configuration;
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "parallel-agents-cli", clusterId: "cli-" + Guid.NewGuid().ToString("N"));
            silo.AddParallelAgentsInMemory(configuration);

            // As in the service: the watchdog's first check must not report the machine's uptime as a stall.
            silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, new StartRelativeTimeProvider());
        });
        // The service's own request reader, so this process refuses exactly what the service would. No upload store:
        // a local run names directories.
        builder.Services.AddSingleton(sp => new SubmissionService(
            sp.GetRequiredService<CommandRegistry>(), sp.GetRequiredService<IOptions<WorkspaceOptions>>(), git: sp.GetRequiredService<GitUrlPolicy>()));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new InProcessJobBackend(host, allowedRoot, uploadRoot);
    }

    /// <inheritdoc />
    public async Task<JobSnapshot> SubmitAsync(JobRequest request, CancellationToken cancellationToken)
    {
        var spec = await ReadAsync(request, cancellationToken);
        var id = Guid.CreateVersion7().ToString("N");
        return await _grains.GetGrain<ICommandGrain>(id).SubmitAsync(spec).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The request as the service reads it; a job that names no workspace but needs one gets the allowed root.
    /// Throws <see cref="CliException"/> with the service's messages, field by field, when it is refused.
    /// </summary>
    internal async Task<JobSpec> ReadAsync(JobRequest request, CancellationToken cancellationToken)
    {
        var submission = await _submissions.ReadAsync(Body(request), Environment.UserName, admin: true, cancellationToken);
        return submission.Spec
            ?? throw new CliException(submission.Summary, details: [.. submission.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))]);
    }

    /// <inheritdoc />
    public async Task<RunRecord> SubmitRunAsync(IReadOnlyList<JobRequest> jobs, CancellationToken cancellationToken)
    {
        // The run's workspace is the one its first job needing a workspace would get. A run in this process has no
        // service to protect: the service's Limits:MaxJobsPerRun does not apply.
        var first = jobs.FirstOrDefault(j => _registry.TryGet(j.Command, out var c) && c.Descriptor.RequiresWorkspace) ?? jobs[0];
        var read = await _submissions.ReadRunAsync(RunBody.From(Body(first), jobs), Environment.UserName, admin: true, int.MaxValue, cancellationToken);
        if (read.Jobs is not { } specs)
        {
            throw new CliException(read.Summary, details: [.. read.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))]);
        }

        return await _grains.GetGrain<IRunGrain>(Guid.CreateVersion7().ToString("N")).StartAsync(specs).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string> GetRunReportAsync(RunRecord run, ReportFormat format, CancellationToken cancellationToken)
    {
        var snapshots = await Task.WhenAll(run.Jobs.Select(j => _grains.GetGrain<ICommandGrain>(j.JobId).GetSnapshotAsync())).WaitAsync(cancellationToken);
        var reports = await Task.WhenAll(run.Jobs.Select(j => _grains.GetGrain<ICommandGrain>(j.JobId).GetReportAsync())).WaitAsync(cancellationToken);
        if (reports.Any(r => r is null))
        {
            throw new CliException($"Run {run.Id} has no report yet.");
        }

        return RunReportWriter.Render(RunProjection.Snapshot(run, snapshots), [.. reports.Select(r => r!)], format).Text;
    }

    private JsonObject Body(JobRequest request)
    {
        var path = request.GitUrl is not null ? null : request.WorkspacePath
            ?? (_registry.TryGet(request.Command, out var command) && command.Descriptor.RequiresWorkspace ? _defaultWorkspace : null);
        var body = new JsonObject
        {
            ["command"] = request.Command,
            ["options"] = request.Options.DeepClone(),
        };
        if (request.Priority is not null)
        {
            body["priority"] = request.Priority;
        }

        if (request.GitWorkspace() is { } git)
        {
            body["workspace"] = git;
        }
        else if (path is not null)
        {
            body["workspace"] = new JsonObject { ["path"] = path };
        }

        if (request.ChangedSince is not null)
        {
            body["changedSince"] = request.ChangedSince;
        }

        return body;
    }

    /// <inheritdoc />
    public async Task<JobSnapshot> WatchAsync(string jobId, Action<JobSnapshot> onUpdate, CancellationToken cancellationToken)
    {
        var job = _grains.GetGrain<ICommandGrain>(jobId);
        while (true)
        {
            // Waits until the job ends or the interval passes, so progress is drawn a few times a second.
            var snapshot = await job.WaitAsync(PollInterval).WaitAsync(cancellationToken)
                ?? throw new CliException($"Job {jobId} disappeared from the in-process silo.");
            onUpdate(snapshot);
            if (snapshot.Status.IsTerminal())
            {
                return snapshot;
            }
        }
    }

    /// <inheritdoc />
    public Task<JobSnapshot?> CancelAsync(string jobId, CancellationToken cancellationToken) =>
        _grains.GetGrain<ICommandGrain>(jobId).CancelAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<string> GetReportAsync(string jobId, ReportFormat format, CancellationToken cancellationToken)
    {
        var report = await _grains.GetGrain<ICommandGrain>(jobId).GetReportAsync().WaitAsync(cancellationToken)
            ?? throw new CliException($"Job {jobId} has no report yet.");
        return ReportRenderer.Render(report, format).Text;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Shutting down a silo with nothing left to do; giving up after the grace period is fine.
        }

        _host.Dispose();
        try
        {
            if (Directory.Exists(_uploadRoot))
            {
                Directory.Delete(_uploadRoot, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
