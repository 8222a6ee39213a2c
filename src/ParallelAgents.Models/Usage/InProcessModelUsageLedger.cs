using System.Collections.Concurrent;
using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Models.Usage;

/// <summary>Job usage held in this process.</summary>
public sealed class InProcessModelUsageLedger : IModelUsageLedger
{
    private readonly ConcurrentDictionary<string, JobUsage> _jobs = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<ModelUsage> GetAsync(string jobId) => Task.FromResult(Job(jobId).Total);

    /// <inheritdoc />
    public Task<ModelUsage> AddAsync(string jobId, string itemId, ModelUsage usage) => Task.FromResult(Job(jobId).Add(itemId, usage));

    private JobUsage Job(string jobId) => _jobs.GetOrAdd(jobId, _ => new JobUsage());

    private sealed class JobUsage
    {
        private readonly HashSet<string> _items = new(StringComparer.Ordinal);

        public ModelUsage Total { get; private set; } = ModelUsage.None;

        public ModelUsage Add(string itemId, ModelUsage usage)
        {
            lock (_items)
            {
                if (_items.Add(itemId))
                {
                    Total = Total.Add(usage);
                }

                return Total;
            }
        }
    }
}
