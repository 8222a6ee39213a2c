using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using ParallelAgents.Abstractions;
using ParallelAgents.Api.Security;
using ParallelAgents.Engine.Reports;
using ParallelAgents.Engine.Security;
using ParallelAgents.Engine.Submission;
using ParallelAgents.Hosting.Topology;

namespace ParallelAgents.Api.Endpoints;

/// <summary>Submit, list, follow, cancel jobs and fetch their reports.</summary>
public static partial class JobsApi
{
    /// <summary>Maps <c>/api/jobs</c>.</summary>
    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs");
        group.MapPost("/", SubmitJob).WithName("SubmitJob")
            .Accepts<SubmitJobRequest>("application/json")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The body is read by hand (so each error names its field), so no parameter carries its description.
                operation.RequestBody?.Description = "The job: {\"command\": \"agent-audit\", \"workspace\": {\"path\": \"/repos/app\"} or {\"workspaceId\": \"...\"}, \"options\": {\"maxInstances\": 4, ...}}.";
                return Task.CompletedTask;
            })
            .Produces<JobSnapshot>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireAuthorization(AuthSchemes.SubmitPolicy)
            .RequireRateLimiting(SecurityHosting.SubmissionsPolicy);
        group.MapGet("/", ListJobs).WithName("ListJobs")
            .RequireAuthorization(AuthSchemes.ReadPolicy);
        group.MapGet("/{id}", GetJob).WithName("GetJob")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(AuthSchemes.ReadPolicy);
        group.MapGet("/{id}/events", FollowJob).WithName("FollowJob")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(AuthSchemes.ReadPolicy);
        group.MapGet("/{id}/report", GetReport).WithName("GetReport")
            .Produces<string>(StatusCodes.Status200OK, "application/json", "text/markdown", "application/sarif+json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(AuthSchemes.ReadPolicy);
        group.MapPost("/{id}/cancel", CancelJob).WithName("CancelJob")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(AuthSchemes.SubmitPolicy);
        return group;
    }

    /// <summary>Lists jobs, newest first, optionally only those in one status.</summary>
    /// <remarks>A caller who is not an administrator sees only their own jobs. The page is skip/take; the answer carries the total.</remarks>
    /// <param name="context">The request.</param>
    /// <param name="grains">The cluster.</param>
    /// <param name="status">Only jobs in this status: pending, running, completed, completedWithErrors, failed or cancelled.</param>
    /// <param name="skip">Jobs to skip from the newest (default 0).</param>
    /// <param name="take">Jobs to return, from 1 to 500 (default 50).</param>
    /// <response code="200">One page of job summaries and the total.</response>
    /// <response code="400">status, skip or take is not acceptable; errors name the field.</response>
    public static async Task<Results<Ok<JobPage>, ValidationProblem>> ListJobs(
        HttpContext context, IGrainFactory grains, string? status = null, string? skip = null, string? take = null)
    {
        JobStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<JobStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Invalid("status", $"Unknown status '{status}'. Use one of: {string.Join(", ", Enum.GetNames<JobStatus>())}.");
            }

            filter = parsed;
        }

        if (!TryPage(skip, 0, int.MaxValue, out var from))
        {
            return Invalid("skip", "skip must be a whole number ≥ 0.");
        }

        if (!TryPage(take, 50, 500, out var count) || count < 1)
        {
            return Invalid("take", "take must be a whole number from 1 to 500.");
        }

        var owner = Caller.OwnerFilter(context);
        var page = await Transient.RetryAsync(() => ParallelAgents.Grains.Index.JobIndex.ListAsync(grains, filter, owner, from, count));
        return TypedResults.Ok(page);
    }

    /// <summary>Shows a job: its status, one entry per instance, progress and pool metrics.</summary>
    /// <remarks>Poll it, or follow /api/jobs/{id}/events for live updates. Error messages are masked so no secret leaves the service.</remarks>
    /// <param name="id">The job's id, as returned by POST /api/jobs.</param>
    /// <param name="context">The request.</param>
    /// <param name="grains">The cluster.</param>
    /// <response code="200">The job's current snapshot.</response>
    /// <response code="404">No job has this id (or it belongs to another caller).</response>
    public static async Task<Results<Ok<JobSnapshot>, ProblemHttpResult>> GetJob(string id, HttpContext context, IGrainFactory grains)
    {
        var snapshot = await FindAsync(id, context, grains);
        return snapshot is null ? NotFound(id) : TypedResults.Ok(Masked(snapshot));
    }

    /// <summary>Cancels a job; its running instances stop promptly.</summary>
    /// <remarks>The job ends cancelled, and its report holds the results finished before cancellation. Cancelling a job that has ended changes nothing.</remarks>
    /// <param name="id">The job's id.</param>
    /// <param name="context">The request.</param>
    /// <param name="grains">The cluster.</param>
    /// <response code="202">Cancellation was requested; the body is the job's snapshot.</response>
    /// <response code="404">No job has this id (or it belongs to another caller).</response>
    public static async Task<Results<Accepted<JobSnapshot>, ProblemHttpResult>> CancelJob(string id, HttpContext context, IGrainFactory grains)
    {
        if (await FindAsync(id, context, grains) is null)
        {
            return NotFound(id);
        }

        var snapshot = await Transient.RetryAsync(() => grains.GetGrain<ICommandGrain>(id).CancelAsync());
        return snapshot is null ? NotFound(id) : TypedResults.Accepted($"/api/jobs/{id}", snapshot);
    }

    /// <summary>Fetches the report of a finished job as JSON, Markdown or SARIF.</summary>
    /// <remarks>
    /// JSON is the canonical, versioned report (docs/report-schema.md); Markdown is for people and pull-request
    /// comments; SARIF 2.1.0 is for code-scanning upload. Secrets in messages are masked.
    /// </remarks>
    /// <param name="id">The job's id.</param>
    /// <param name="context">The request.</param>
    /// <param name="grains">The cluster.</param>
    /// <param name="format">json (default), markdown or sarif.</param>
    /// <response code="200">The report in the asked format.</response>
    /// <response code="400">The format is not json, markdown or sarif.</response>
    /// <response code="404">No job has this id (or it belongs to another caller).</response>
    /// <response code="409">The job has not ended yet; its report is available when it does.</response>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> GetReport(
        string id, HttpContext context, IGrainFactory grains, string? format = null)
    {
        var parsed = ReportRenderer.ParseFormat(format);
        if (parsed is null)
        {
            return Invalid("format", $"Unknown format '{format}'. Use json, markdown or sarif.");
        }

        var snapshot = await FindAsync(id, context, grains);
        if (snapshot is null)
        {
            return NotFound(id);
        }

        var report = await Transient.RetryAsync(() => grains.GetGrain<ICommandGrain>(id).GetReportAsync());
        if (report is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The report is not ready.",
                detail: $"Job {id} is {snapshot.Status}; its report is available when it ends. Follow /api/jobs/{id}/events.");
        }

        var (text, contentType) = ReportRenderer.Render(report, parsed.Value);
        return TypedResults.Content(text, contentType);
    }

    /// <summary>Follows a job live as Server-Sent Events until it ends.</summary>
    /// <remarks>
    /// The stream starts with a snapshot event, then replays the job's recent events and continues live: planned,
    /// segmentStarted, itemCompleted, segmentRetrying, segmentReassigned, segmentCompleted, segmentFailed, and finally
    /// jobCompleted, after which it closes. Each event has an id; reconnecting with Last-Event-ID resumes after it.
    /// </remarks>
    /// <param name="id">The job's id.</param>
    /// <param name="context">The request.</param>
    /// <param name="client">The cluster.</param>
    /// <param name="topology">How long the stream outlasts a cluster that does not answer.</param>
    /// <param name="logs">Logs the faults the stream survives.</param>
    /// <param name="cancellationToken">Ends the stream when the client goes.</param>
    /// <param name="lastEventId">The id of the last event received, to resume after it; events up to it are not sent again.</param>
    /// <response code="200">A text/event-stream of the job's snapshot and progress events, ending with jobCompleted.</response>
    /// <response code="404">No job has this id (or it belongs to another caller).</response>
    public static async Task<IResult> FollowJob(
        string id, HttpContext context, IClusterClient client, IOptions<OrleansTopologyOptions> topology, ILoggerFactory logs, CancellationToken cancellationToken, [FromHeader(Name = "Last-Event-ID"), System.ComponentModel.Description("The id of the last event received, to resume after it; events up to it are not sent again.")] string? lastEventId = null)
    {
        if (await FindAsync(id, context, client) is null)
        {
            return NotFound(id);
        }

        var after = long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var seen) ? seen : 0;
        var follower = new JobFollower(id, client, after, topology.Value.Client.UnavailableTimeout, logs.CreateLogger(typeof(JobFollower)));
        return TypedResults.ServerSentEvents(EventsAsync(follower, cancellationToken));
    }

    // The follower subscribes first, then replays the job's recent events, then goes live: nothing published in between
    // is missed, a client reconnecting with Last-Event-ID resumes where it stopped, and the loss of a silo is survived.
    internal static async IAsyncEnumerable<SseItem<string>> EventsAsync(JobFollower follower, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (follower)
        {
            foreach (var item in await follower.StartAsync())
            {
                yield return item;
            }

            while (!follower.Ended)
            {
                foreach (var item in await follower.NextAsync(cancellationToken))
                {
                    yield return item;
                }
            }
        }
    }

    // Events carry error messages from executors: they are masked like reports, so no secret reaches a browser.
    internal static SseItem<string> Item<T>(string type, T value, string? eventId) =>
        new(ReportSecretMasker.MaskJson(JsonSerializer.Serialize(value, ReportJson.Compact))!, type) { EventId = eventId };

    internal static JobSnapshot Masked(JobSnapshot snapshot) => snapshot with
    {
        Error = SecretMasker.MaskText(snapshot.Error),
        Instances = [.. snapshot.Instances.Select(i => i.Error is null ? i : i with { Error = SecretMasker.MaskText(i.Error) })],
    };

    private static async Task<JobSnapshot?> FindAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (!JobIdPattern().IsMatch(id))
        {
            return null;
        }

        var snapshot = await Transient.RetryAsync(grains.GetGrain<ICommandGrain>(id).GetSnapshotAsync);
        var owner = Caller.OwnerFilter(context);
        return snapshot is null || (owner is not null && snapshot.Owner != owner) ? null : snapshot;
    }

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "No such job.", detail: $"No job has id '{(id.Length > 80 ? id[..80] + "…" : id)}'.");

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: $"Invalid field: {field}.");

    private static bool TryPage(string? text, int fallback, int max, out int value)
    {
        value = fallback;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 0 && value <= max;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex JobIdPattern();
}
