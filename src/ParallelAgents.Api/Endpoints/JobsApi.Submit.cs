using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ParallelAgents.Abstractions;
using ParallelAgents.Api.Security;
using ParallelAgents.Engine.Submission;

namespace ParallelAgents.Api.Endpoints;

/// <summary>POST /api/jobs: reading the request, the caller's quota and idempotency keys.</summary>
public static partial class JobsApi
{
    /// <summary>Submits a job: runs a command over a workspace on a pool of parallel instances.</summary>
    /// <remarks>
    /// The body names the command (see GET /api/commands), the workspace (a path under an allowed root, the id of
    /// an upload from POST /api/workspaces, or a git repository and ref, fixed to one commit for the whole job) and the
    /// options (pool overrides and the command's own). With changedSince (a branch such as origin/main, a tag or a
    /// commit sha) only the files changed between that base and the workspace's commit become items, renames followed
    /// and deletions ignored, while cross-file rules still see the whole tree; the workspace must be a git repository
    /// (a git workspace, or a path or upload with .git), and the snapshot and report state the base's sha and the
    /// number of changed files as workspace.changedSince. The job starts at once; follow it at /api/jobs/{id}/events and
    /// fetch its report when it ends. A request with an unknown field, an invalid option, a workspace that cannot be
    /// used or a command disabled on this service is refused with 400 problem details whose errors name each field. With an Idempotency-Key header (1–200 printable characters, a UUID
    /// say) the request may be retried safely: the same key from the same caller always names the same job, and a
    /// repeat answers 202 with that job and Idempotent-Replayed: true instead of starting another.
    /// </remarks>
    /// <response code="202">The job was accepted (or, under an Idempotency-Key already used, found); the body is its snapshot and Location is its address.</response>
    /// <response code="400">The request was refused; errors name each bad field (command, workspace.path, workspace.git.url, changedSince, options.items...).</response>
    /// <response code="413">The body is larger than Limits:MaxRequestBodyBytes.</response>
    /// <response code="422">The Idempotency-Key was already used by this caller for a different request.</response>
    /// <response code="429">Too many submissions, or too many unfinished jobs of this caller; Retry-After says when to try again.</response>
    /// <param name="request">The request; its body is read field by field so every error names its field.</param>
    /// <param name="submissions">Reads the request into a job spec.</param>
    /// <param name="grains">The cluster.</param>
    /// <param name="quota">Bounds each caller's unfinished jobs.</param>
    /// <param name="cancellationToken">Stops reading the request.</param>
    public static async Task<Results<Accepted<JobSnapshot>, ValidationProblem, ProblemHttpResult>> SubmitJob(
        HttpRequest request, SubmissionService submissions, IGrainFactory grains, JobQuota quota, CancellationToken cancellationToken)
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

        var submission = await submissions.ReadAsync(body, Caller.Owner(context), Caller.IsAdmin(context), cancellationToken);
        if (submission.Spec is not { } spec)
        {
            return TypedResults.ValidationProblem(submission.Errors, detail: submission.Summary);
        }

        // The job joins the request's trace, recorded or not: a request the sampler dropped leaves the job's spans
        // dropped too, rather than the job starting (and sampling) a trace of its own.
        spec = spec with { TraceParent = System.Diagnostics.Activity.Current?.Id };

        if (key is not null)
        {
            // The same key from the same caller names the same job: a retried request finds it instead of starting another.
            var keyed = grains.GetGrain<ICommandGrain>(IdempotencyKeys.JobId(spec.Owner, key));
            spec = spec with { RequestHash = IdempotencyKeys.RequestHash(body) };
            if (await Transient.RetryAsync(keyed.GetSnapshotAsync) is not null)
            {
                return Answer(context, await Transient.OnceAsync(() => keyed.SubmitOnceAsync(spec)));
            }
        }

        return await quota.RunAsync<Results<Accepted<JobSnapshot>, ValidationProblem, ProblemHttpResult>>(
            spec.Owner,
            running =>
            {
                context.Response.Headers.RetryAfter = quota.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many unfinished jobs.",
                    detail: $"{running} of your jobs have not ended; at most {quota.MaxConcurrentJobs} may run at once (Limits:MaxConcurrentJobsPerIdentity). Wait for one to end or cancel one.");
            },
            async () =>
            {
                var id = key is null ? Guid.CreateVersion7().ToString("N") : IdempotencyKeys.JobId(spec.Owner, key);
                return Answer(context, await Transient.OnceAsync(() => grains.GetGrain<ICommandGrain>(id).SubmitOnceAsync(spec)));
            },
            cancellationToken);
    }

    private static Results<Accepted<JobSnapshot>, ValidationProblem, ProblemHttpResult> Answer(HttpContext context, SubmitResult result)
    {
        if (result.Conflict)
        {
            return IdempotencyKeys.Conflict("job", result.Snapshot.Id);
        }

        if (result.Replayed)
        {
            context.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        }

        return TypedResults.Accepted($"/api/jobs/{result.Snapshot.Id}", result.Snapshot);
    }
}
