using System.Text.Json;
using System.Text.Json.Nodes;
using ParallelAgents.Abstractions;
using ParallelAgents.Cli.Remote;
using ParallelAgents.Engine.Reports;
using Polly;
using Polly.Retry;

namespace ParallelAgents.Cli.Jobs;

/// <summary>Runs jobs on a service over HTTP and follows them through its event stream.</summary>
public sealed class RemoteJobBackend(ServiceClient client) : IJobBackend
{
    private const int MaxReconnects = 20;

    // The stream broke (proxy timeout, restart) or ended before the job did: reconnect and resume after the last
    // event seen. Failures of the request itself are the HTTP client's to retry (ServerHttpClients).
    private static readonly ResiliencePipeline<JobSnapshot?> Reconnect = new ResiliencePipelineBuilder<JobSnapshot?>()
        .AddRetry(new RetryStrategyOptions<JobSnapshot?>
        {
            ShouldHandle = new PredicateBuilder<JobSnapshot?>()
                .Handle<IOException>()
                .Handle<HttpRequestException>()
                .HandleResult(s => s is null || !s.Status.IsTerminal()),
            MaxRetryAttempts = MaxReconnects,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = TimeSpan.FromSeconds(5),
        })
        .Build();

    /// <inheritdoc />
    public async Task<JobSnapshot> SubmitAsync(JobRequest request, CancellationToken cancellationToken) =>
        await client.SubmitAsync(await BodyAsync(request, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<RunRecord> SubmitRunAsync(IReadOnlyList<JobRequest> jobs, CancellationToken cancellationToken)
    {
        // The workspace is sent (or uploaded) once, for the whole run.
        var body = RunBody.From(await BodyAsync(jobs[0], cancellationToken), jobs);
        var run = await client.SubmitRunAsync(body, cancellationToken);
        return new RunRecord(run.Id, run.Owner, run.Priority, run.SubmittedAt, [.. run.Jobs.Select(j => new RunJob(j.JobId, j.Command))], null);
    }

    /// <inheritdoc />
    public Task<string> GetRunReportAsync(RunRecord run, ReportFormat format, CancellationToken cancellationToken) =>
        client.GetRunReportAsync(run.Id, format, cancellationToken);

    private async Task<JsonObject> BodyAsync(JobRequest request, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["command"] = request.Command };
        if (request.GitWorkspace() is { } git)
        {
            body["workspace"] = git;
        }
        else if (request.WorkspacePath is { } path)
        {
            if (request.Upload)
            {
                using var zip = WorkspaceArchiver.Zip(path, withRepository: request.ChangedSince is not null);
                var id = await client.UploadAsync(zip, cancellationToken);
                body["workspace"] = new JsonObject { ["workspaceId"] = id };
            }
            else
            {
                body["workspace"] = new JsonObject { ["path"] = path };
            }
        }

        if (request.ChangedSince is not null)
        {
            body["changedSince"] = request.ChangedSince;
        }

        body["options"] = request.Options.DeepClone();
        if (request.Priority is not null)
        {
            body["priority"] = request.Priority;
        }

        return body;
    }

    /// <inheritdoc />
    public async Task<JobSnapshot> WatchAsync(string jobId, Action<JobSnapshot> onUpdate, CancellationToken cancellationToken)
    {
        JobSnapshot? snapshot = null;
        string? lastEventId = null;
        var last = await Reconnect.ExecuteAsync(
            async ct =>
            {
                await foreach (var e in client.FollowAsync(jobId, lastEventId, ct))
                {
                    lastEventId = e.Id ?? lastEventId;
                    snapshot = Apply(snapshot, e);
                    if (snapshot is not null)
                    {
                        onUpdate(snapshot);
                    }
                }

                return snapshot;
            },
            cancellationToken);
        if (last is null || !last.Status.IsTerminal())
        {
            throw new CliException($"The event stream of job {jobId} kept ending before the job did; follow it with 'parallel-agents jobs show {jobId}'.");
        }

        // The final snapshot carries the finished metrics even when the last event was synthesized by the server.
        var final = await client.GetJobAsync(jobId, cancellationToken);
        onUpdate(final);
        return final;
    }

    /// <inheritdoc />
    public async Task<JobSnapshot?> CancelAsync(string jobId, CancellationToken cancellationToken) => await client.CancelAsync(jobId, cancellationToken);

    /// <inheritdoc />
    public Task<string> GetReportAsync(string jobId, ReportFormat format, CancellationToken cancellationToken) => client.GetReportAsync(jobId, format, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A later attempt, more items done, or a later state of the same attempt.</summary>
    internal static bool IsNewer(InstanceSnapshot candidate, InstanceSnapshot known) =>
        (candidate.Attempt, candidate.ItemsDone, Rank(candidate.State)).CompareTo((known.Attempt, known.ItemsDone, Rank(known.State))) >= 0;

    private static int Rank(SegmentStatus state) => state switch
    {
        SegmentStatus.Pending => 0,
        SegmentStatus.Running => 1,
        SegmentStatus.Retrying or SegmentStatus.Reassigned => 2,
        _ => 3,
    };

    /// <summary>The job after one event: a full snapshot replaces it; an instance event replaces that instance.</summary>
    internal static JobSnapshot? Apply(JobSnapshot? current, ServerEvent e)
    {
        try
        {
            if (e.Type == "snapshot")
            {
                return JsonSerializer.Deserialize<JobSnapshot>(e.Data, ReportJson.Compact) ?? current;
            }

            var progress = JsonSerializer.Deserialize<ProgressEvent>(e.Data, ReportJson.Compact);
            if (progress is null)
            {
                return current;
            }

            if (current is null || (progress.Kind == ProgressEventKind.JobCompleted && progress.Snapshot is not null))
            {
                return progress.Snapshot ?? current;
            }

            // Replayed events can be older than the snapshot the stream starts with: keep only what moves forward.
            var incoming = progress.Snapshot?.Instances ?? (progress.Instance is { } changed ? [changed] : []);
            var instances = current.Instances.ToDictionary(i => i.Index);
            foreach (var instance in incoming)
            {
                if (!instances.TryGetValue(instance.Index, out var known) || IsNewer(instance, known))
                {
                    instances[instance.Index] = instance;
                }
            }

            var forward = progress.Kind == ProgressEventKind.JobCompleted || progress.Progress.ItemsDone >= current.Progress.ItemsDone;
            return current with
            {
                Status = forward ? progress.Status : current.Status,
                Progress = forward ? progress.Progress : current.Progress,
                Instances = instances.Values.OrderBy(i => i.Index).ToArray(),
                Usage = forward && progress.Progress.Usage is { } usage ? usage : current.Usage,
                BudgetStop = progress.Snapshot?.BudgetStop ?? (progress.Kind == ProgressEventKind.BudgetReached ? progress.Message : null) ?? current.BudgetStop,
            };
        }
        catch (JsonException)
        {
            // An event this version does not understand is skipped; the next snapshot puts things right.
            return current;
        }
    }
}
