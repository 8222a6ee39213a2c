using Orleans.Concurrency;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Grains.Jobs;
using ParallelAgents.Grains.Segments;

namespace ParallelAgents.Grains.Workers;

/// <summary>
/// The silo-local pool that executes items. Reentrant, because a plain stateless worker handles one request at a time
/// and caps concurrency at the core count, which starves latency-bound agents; CPU work is moved to the thread pool
/// by <see cref="ItemRunner"/>.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class AgentWorkerGrain(CommandRegistry registry, JobContextFactory contexts, RunningSegments running) : Grain, IAgentWorkerGrain
{
    /// <inheritdoc />
    public async Task<ItemResult> ExecuteAsync(string jobId, JobSpec spec, WorkItem item, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, running.TokenFor(jobId, item.Id));
        var command = registry.Get(spec.Command);
        var context = await contexts.GetAsync(jobId, spec, linked.Token);
        return await ItemRunner.RunAsync(command, context, item, linked.Token);
    }
}
