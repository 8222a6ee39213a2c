using Microsoft.Extensions.Logging;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Security;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Grains.Runs;

/// <summary>
/// A cross-command run: fixes the workspace once (a git ref becomes one commit, so every job reads the same files and
/// each silo's checkout cache or upload store materialises them once), stores the run, then submits its jobs
/// concurrently. Status and reports come from the jobs themselves.
/// </summary>
public sealed class RunGrain(
    [PersistentState("run", Names.JobStorage)] IPersistentState<RunState> state,
    IWorkspaceResolver workspaces,
    ILogger<RunGrain> logger) : Grain, IRunGrain
{
    private string RunId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<RunRecord> StartAsync(IReadOnlyList<JobSpec> jobs)
    {
        if (state.State.Record is null)
        {
            if (jobs.Count == 0)
            {
                throw new ArgumentException("A run needs at least one job.", nameof(jobs));
            }

            var first = jobs[0];
            var workspace = await PinAsync(first.Workspace);
            state.State.Specs = [.. jobs.Select(j => j with { Workspace = workspace })];
            state.State.Record = new RunRecord(
                RunId, first.Owner, first.Priority, first.SubmittedAt, [.. jobs.Select((j, i) => new RunJob(JobId(RunId, i), j.Command))], workspace)
            {
                RequestHash = first.RequestHash,
            };
            await state.WriteStateAsync();
            Log.RunAccepted(logger, RunId, jobs.Count, string.Join(",", jobs.Select(j => j.Command)));
        }

        // Stored before its jobs: a repeat after a failure here submits them again, and a job already holding its
        // spec answers with it, so none starts twice.
        var record = state.State.Record;
        await Task.WhenAll(record.Jobs.Select((job, i) => GrainFactory.GetGrain<ICommandGrain>(job.JobId).SubmitOnceAsync(state.State.Specs[i])));
        return record;
    }

    /// <inheritdoc />
    public Task<RunRecord?> GetAsync() => Task.FromResult(state.State.Record);

    /// <summary>The id of a run's job: the run's id and the job's place in it.</summary>
    public static string JobId(string runId, int index) => $"{runId}-{index}";

    // A workspace that cannot be pinned is left as it was: each job then fails with the reason, as a job alone would.
    private async Task<WorkspaceRef?> PinAsync(WorkspaceRef? workspace)
    {
        try
        {
            return await workspaces.PinAsync(workspace, CancellationToken.None);
        }
        catch (WorkspaceException e)
        {
            Log.RunWorkspaceUnpinned(logger, RunId, SecretMasker.MaskText(e.Message) ?? "");
            return workspace;
        }
    }
}
