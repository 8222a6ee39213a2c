using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ParallelAgents.Abstractions;
using ParallelAgents.Api.Security;
using ParallelAgents.Engine.Reports;
using ParallelAgents.Engine.Runs;
using ParallelAgents.Engine.Security;
using ParallelAgents.Engine.Submission;
using ParallelAgents.Hosting.Topology;

namespace ParallelAgents.Api.Endpoints;

/// <summary>Cross-command runs: several commands on one workspace, followed and reported together.</summary>
public static partial class RunsApi
{
    /// <summary>Maps <c>/api/runs</c>.</summary>
    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runs").WithTags("Runs");
        group.MapPost("/", SubmitRun).WithName("SubmitRun")
            .Accepts<SubmitRunRequest>("application/json")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody?.Description = "The run: {\"workspace\": {\"path\": \"/repos/app\"}, \"jobs\": [{\"command\": \"agent-audit\"}, {\"command\": \"docs\", \"options\": {...}}], \"priority\": \"normal\"}.";
                return Task.CompletedTask;
            })
            .Produces<RunSnapshot>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireAuthorization(AuthSchemes.SubmitPolicy)
            .RequireRateLimiting(SecurityHosting.SubmissionsPolicy);
        group.MapGet("/{id}", GetRun).WithName("GetRun")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(AuthSchemes.ReadPolicy);
        group.MapGet("/{id}/events", FollowRun).WithName("FollowRun")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(AuthSchemes.ReadPolicy);
        group.MapGet("/{id}/report", GetRunReport).WithName("GetRunReport")
            .Produces<string>(StatusCodes.Status200OK, "application/json", "text/markdown", "application/sarif+json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(AuthSchemes.ReadPolicy);
        group.MapDelete("/{id}", CancelRun).WithName("CancelRun")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(AuthSchemes.SubmitPolicy);
        return group;
    }

    /// <summary>Submits a run: several commands at once on one workspace, each as a job of its own.</summary>
    /// <remarks>
    /// The workspace is fixed once for the whole run (a git ref becomes one commit) and materialised once per silo;
    /// the jobs run concurrently under the admission scheduler with the run's priority. Each job is validated exactly
    /// as a POST /api/jobs body with the run's workspace and priority; errors name the field (jobs, jobs[1].command,
    /// jobs[0].options.items, workspace.path, priority). A run holds at most Limits:MaxJobsPerRun jobs, and they
    /// count against the caller's unfinished jobs. Follow it at /api/runs/{id}/events and fetch its combined report
    /// when it ends. With an Idempotency-Key header (1–200 printable characters, a UUID is a good key) a retried
    /// request answers the run the key first started (with Idempotent-Replayed: true), never a second one.
    /// </remarks>
    /// <response code="202">The run was accepted (or, under an Idempotency-Key already used, found); the body is its snapshot and Location is its address.</response>
    /// <response code="400">The request was refused; errors name each bad field.</response>
    /// <response code="413">The body is larger than Limits:MaxRequestBodyBytes.</response>
    /// <response code="422">The Idempotency-Key was already used by this caller for a different request.</response>
    /// <response code="429">Too many submissions, or the run's jobs would exceed the caller's unfinished jobs; Retry-After says when to try again.</response>
    /// <param name="request">The request; its body is read field by field so every error names its field.</param>
    /// <param name="submissions">Reads each job of the run into a job spec.</param>
    /// <param name="grains">The cluster.</param>
    /// <param name="quota">Bounds each caller's unfinished jobs.</param>
    /// <param name="limits">The most jobs a run may hold.</param>
    /// <param name="cancellationToken">Stops reading the request.</param>
    public static async Task<Results<Accepted<RunSnapshot>, ValidationProblem, ProblemHttpResult>> SubmitRun(
        HttpRequest request, SubmissionService submissions, IGrainFactory grains, JobQuota quota, IOptions<LimitsOptions> limits, CancellationToken cancellationToken)
    {
        var (body, bodyError) = await JsonBody.ReadAsync(request, cancellationToken);
        if (bodyError is not null)
        {
            return Invalid("body", bodyError);
        }

        var context = request.HttpContext;
        if (!IdempotencyKeys.TryRead(request.Headers, out var key, out var keyError))
        {
            return Invalid(IdempotencyKeys.Header, keyError!);
        }

        var read = await submissions.ReadRunAsync(body, Caller.Owner(context), Caller.IsAdmin(context), limits.Value.MaxJobsPerRun, cancellationToken);
        if (read.Jobs is not { } jobs)
        {
            return TypedResults.ValidationProblem(read.Errors, detail: read.Summary);
        }

        var trace = System.Diagnostics.Activity.Current?.Id;
        var hash = key is null ? null : IdempotencyKeys.RequestHash(body);
        var specs = jobs.Select(j => j with { TraceParent = trace, RequestHash = hash }).ToList();
        var runId = key is null ? Guid.CreateVersion7().ToString("N") : IdempotencyKeys.RunId(specs[0].Owner, key);
        if (key is not null && await Transient.RetryAsync(grains.GetGrain<IRunGrain>(runId).GetAsync) is { } existing)
        {
            // The same key from the same caller names the same run: a retry finds it (and makes sure its jobs were all
            // submitted) instead of starting another; the key reused for another request is refused.
            if (existing.RequestHash != hash)
            {
                return IdempotencyKeys.Conflict("run", existing.Id);
            }
            return await AnswerAsync(context, specs[0], await Transient.OnceAsync(() => grains.GetGrain<IRunGrain>(runId).StartAsync(specs)), grains);
        }

        return await quota.RunAsync<Results<Accepted<RunSnapshot>, ValidationProblem, ProblemHttpResult>>(
            specs[0].Owner,
            running =>
            {
                context.Response.Headers.RetryAfter = quota.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many unfinished jobs.",
                    detail: $"{running} of your jobs have not ended and this run adds {specs.Count}; at most {quota.MaxConcurrentJobs} may run at once (Limits:MaxConcurrentJobsPerIdentity).");
            },
            async () =>
            {
                return await AnswerAsync(context, specs[0], await Transient.OnceAsync(() => grains.GetGrain<IRunGrain>(runId).StartAsync(specs)), grains);
            },
            cancellationToken,
            specs.Count);
    }

    /// <summary>Shows a run: its overall status and progress and each job's.</summary>
    /// <remarks>The status is running until every job has ended; then failed if any failed, cancelled if any was cancelled, else completed. /api/jobs/{jobId} shows a job whole.</remarks>
    /// <param name="id">The run's id, as returned by POST /api/runs.</param>
    /// <param name="context">The request.</param>
    /// <param name="grains">The cluster.</param>
    /// <response code="200">The run's current snapshot.</response>
    /// <response code="404">No run has this id (or it belongs to another caller).</response>
    public static async Task<Results<Ok<RunSnapshot>, ProblemHttpResult>> GetRun(string id, HttpContext context, IGrainFactory grains)
    {
        var record = await FindAsync(id, context, grains);
        return record is null ? NotFound(id) : TypedResults.Ok(await SnapshotAsync(record, grains));
    }

    /// <summary>Cancels a run: every job of it that has not ended is cancelled.</summary>
    /// <param name="id">The run's id.</param>
    /// <param name="context">The request.</param>
    /// <param name="grains">The cluster.</param>
    /// <response code="202">Cancellation was requested; the body is the run's snapshot.</response>
    /// <response code="404">No run has this id (or it belongs to another caller).</response>
    public static async Task<Results<Accepted<RunSnapshot>, ProblemHttpResult>> CancelRun(string id, HttpContext context, IGrainFactory grains)
    {
        var record = await FindAsync(id, context, grains);
        if (record is null)
        {
            return NotFound(id);
        }

        await Task.WhenAll(record.Jobs.Select(j => Transient.RetryAsync(() => grains.GetGrain<ICommandGrain>(j.JobId).CancelAsync())));
        return TypedResults.Accepted($"/api/runs/{id}", await SnapshotAsync(record, grains));
    }

    /// <summary>Fetches a finished run's combined report as JSON, Markdown or SARIF.</summary>
    /// <remarks>
    /// JSON and Markdown hold the run's status and one section per command (each the job's own report); SARIF is one
    /// log with one run per command, for code-scanning upload. Secrets in messages are masked.
    /// </remarks>
    /// <param name="id">The run's id.</param>
    /// <param name="context">The request.</param>
    /// <param name="grains">The cluster.</param>
    /// <param name="format">json (default), markdown or sarif.</param>
    /// <response code="200">The report in the asked format.</response>
    /// <response code="400">The format is not json, markdown or sarif.</response>
    /// <response code="404">No run has this id (or it belongs to another caller).</response>
    /// <response code="409">The run has not ended yet; its report is available when every job has.</response>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> GetRunReport(
        string id, HttpContext context, IGrainFactory grains, string? format = null)
    {
        var parsed = ReportRenderer.ParseFormat(format);
        if (parsed is null)
        {
            return Invalid("format", $"Unknown format '{format}'. Use json, markdown or sarif.");
        }

        var record = await FindAsync(id, context, grains);
        if (record is null)
        {
            return NotFound(id);
        }

        var snapshot = await SnapshotAsync(record, grains);
        JobReport?[] reports = snapshot.Status == RunStatus.Running
            ? []
            : await Task.WhenAll(record.Jobs.Select(j => Transient.RetryAsync(() => grains.GetGrain<ICommandGrain>(j.JobId).GetReportAsync())));
        if (snapshot.Status == RunStatus.Running || reports.Any(r => r is null))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The report is not ready.",
                detail: $"Run {id} is {snapshot.Status}; its report is available when every job has ended. Follow /api/runs/{id}/events.");
        }

        var (text, contentType) = RunReportWriter.Render(snapshot, [.. reports.Select(r => r!)], parsed.Value);
        return TypedResults.Content(text, contentType);
    }

    /// <summary>Follows a run live as Server-Sent Events until every job has ended.</summary>
    /// <remarks>
    /// The stream carries each job's events (snapshot, planned, segmentStarted, itemCompleted, ..., jobCompleted), each
    /// tagged with its jobId and command, interleaved as they happen, and ends with runCompleted holding the run's
    /// snapshot. Each event's id names the last event of every job sent so far, <c>x</c> for a job whose jobCompleted
    /// was sent (<c>3.x.12</c>); reconnecting with it as Last-Event-ID resumes each job after it (with its snapshot
    /// first) and sends nothing more of the ended ones.
    /// </remarks>
    /// <param name="id">The run's id.</param>
    /// <param name="context">The request.</param>
    /// <param name="client">The cluster.</param>
    /// <param name="topology">How long each job's stream outlasts a cluster that does not answer.</param>
    /// <param name="logs">Logs the faults the streams survive.</param>
    /// <param name="cancellationToken">Ends the stream when the client goes.</param>
    /// <param name="lastEventId">The id of the last event received, to resume each job after it.</param>
    /// <response code="200">A text/event-stream of the jobs' events, ending with runCompleted.</response>
    /// <response code="404">No run has this id (or it belongs to another caller).</response>
    public static async Task<IResult> FollowRun(
        string id, HttpContext context, IClusterClient client, IOptions<OrleansTopologyOptions> topology, ILoggerFactory logs, CancellationToken cancellationToken,
        [FromHeader(Name = "Last-Event-ID"), System.ComponentModel.Description("The id of the last event received, to resume each job after it.")] string? lastEventId = null)
    {
        var record = await FindAsync(id, context, client);
        if (record is null)
        {
            return NotFound(id);
        }

        var cursor = RunEventCursor.Parse(lastEventId, record.Jobs.Count);
        // A job whose end the client has is not followed again.
        var followers = record.Jobs.Select((job, i) => (Index: i, Job: job)).Where(j => !cursor.Ended[j.Index])
            .Select(j => (j.Index, j.Job, new JobFollower(j.Job.JobId, client, cursor.Seen[j.Index], topology.Value.Client.UnavailableTimeout, logs.CreateLogger(typeof(JobFollower))))).ToArray();
        return TypedResults.ServerSentEvents(EventsAsync(record, cursor, followers, client, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(RunRecord run, RunEventCursor cursor, (int Index, RunJob Job, JobFollower Follower)[] followers, IClusterClient client, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<(int Job, SseItem<string> Item)>(new UnboundedChannelOptions { SingleReader = true });
        var pumps = followers.Select(f => PumpAsync(f.Index, f.Job, f.Follower, channel.Writer, cancellationToken)).ToArray();
        _ = Task.WhenAll(pumps).ContinueWith(t => channel.Writer.TryComplete(t.Exception), TaskScheduler.Default);
        await foreach (var (job, item) in channel.Reader.ReadAllAsync(cancellationToken))
        {
            cursor.Saw(job, item.EventId, item.EventType);
            yield return new SseItem<string>(item.Data, item.EventType) { EventId = cursor.ToString() };
        }

        yield return JobsApi.Item("runCompleted", await SnapshotAsync(run, client), cursor.ToString());
    }

    // One job's stream, as /api/jobs/{id}/events sends it, each event tagged with the job and its command.
    private static async Task PumpAsync(int index, RunJob job, JobFollower follower, ChannelWriter<(int, SseItem<string>)> writer, CancellationToken cancellationToken)
    {
        await foreach (var item in JobsApi.EventsAsync(follower, cancellationToken))
        {
            var node = JsonNode.Parse(item.Data)!.AsObject();
            node["jobId"] = job.JobId;
            node["command"] = job.Command;
            writer.TryWrite((index, new SseItem<string>(node.ToJsonString(), item.EventType) { EventId = item.EventId }));
        }
    }

    private static async Task<RunSnapshot> SnapshotAsync(RunRecord run, IGrainFactory grains)
    {
        var jobs = await Task.WhenAll(run.Jobs.Select(j => Transient.RetryAsync(grains.GetGrain<ICommandGrain>(j.JobId).GetSnapshotAsync)));
        var snapshot = RunProjection.Snapshot(run, jobs);
        return snapshot with { Jobs = [.. snapshot.Jobs.Select(j => j.Error is null ? j : j with { Error = SecretMasker.MaskText(j.Error) })] };
    }

    private static async Task<RunRecord?> FindAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (!RunIdPattern().IsMatch(id))
        {
            return null;
        }

        var record = await Transient.RetryAsync(grains.GetGrain<IRunGrain>(id).GetAsync);
        var owner = Caller.OwnerFilter(context);
        return record is null || (owner is not null && record.Owner != owner) ? null : record;
    }

    // The run answered: this request's own (202), one the same key started before (202, replayed), or one the key
    // started with another body (422); two first requests racing on one key meet in the run's grain the same way.
    private static async Task<Results<Accepted<RunSnapshot>, ValidationProblem, ProblemHttpResult>> AnswerAsync(HttpContext context, JobSpec mine, RunRecord record, IGrainFactory grains)
    {
        if (record.RequestHash != mine.RequestHash)
        {
            return IdempotencyKeys.Conflict("run", record.Id);
        }

        if (record.SubmittedAt != mine.SubmittedAt)
        {
            context.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        }

        return TypedResults.Accepted($"/api/runs/{record.Id}", await SnapshotAsync(record, grains));
    }

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "No such run.", detail: $"No run has id '{(id.Length > 80 ? id[..80] + "…" : id)}'.");

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: $"Invalid field: {field}.");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex RunIdPattern();
}
