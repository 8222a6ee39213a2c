using Microsoft.Extensions.Caching.Memory;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Grains.Jobs;

/// <summary>Builds a job's <see cref="CommandContext"/> once per silo and shares it between the instances running there.</summary>
public sealed class JobContextFactory(IWorkspaceResolver workspaces, IServiceProvider services, IMemoryCache cache)
{
    private static readonly TimeSpan Sliding = TimeSpan.FromMinutes(10);

    /// <summary>The context of a job on this silo.</summary>
    public Task<CommandContext> GetAsync(string jobId, JobSpec spec, CancellationToken cancellationToken)
    {
        var entry = cache.GetOrCreate(("job-context", jobId), e =>
        {
            e.SlidingExpiration = Sliding;

            // A cached checkout stays held while the job's context is: released, it may be evicted again.
            e.RegisterPostEvictionCallback(static (_, value, _, _) =>
            {
                if (value is Lazy<Task<CommandContext>> { IsValueCreated: true, Value.IsCompletedSuccessfully: true } lazy)
                {
                    lazy.Value.Result.Workspace?.Release();
                }
            });
            return new Lazy<Task<CommandContext>>(() => CreateAsync(jobId, spec));
        })!;
        var task = entry.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            cache.Remove(("job-context", jobId));
        }

        return task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The context of a job on its coordinator: with the files changed since the job's base (<c>changedSince</c>),
    /// compared once per silo and kept as long as the context.
    /// </summary>
    public async Task<CommandContext> GetForCoordinatorAsync(string jobId, JobSpec spec, CancellationToken cancellationToken)
    {
        var context = await GetAsync(jobId, spec, cancellationToken).ConfigureAwait(false);
        if (spec.Workspace?.ChangedSince is null)
        {
            return context;
        }

        var entry = cache.GetOrCreate(("job-changes", jobId), e =>
        {
            e.SlidingExpiration = Sliding;
            return new Lazy<Task<WorkspaceChanges?>>(() => workspaces.ChangesAsync(spec.Workspace, context.Workspace, CancellationToken.None));
        })!;
        var task = entry.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            cache.Remove(("job-changes", jobId));
        }

        return context with { Changes = await task.WaitAsync(cancellationToken).ConfigureAwait(false) };
    }

    private async Task<CommandContext> CreateAsync(string jobId, JobSpec spec)
    {
        var workspace = await workspaces.ResolveAsync(spec.Workspace, CancellationToken.None).ConfigureAwait(false);
        return new CommandContext(jobId, workspace, CommandOptions.Parse(spec.OptionsJson), services);
    }
}
