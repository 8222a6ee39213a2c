using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Index;

namespace ParallelAgents.Grains.Tests.Index;

/// <summary>A silo that stops while a bucket's progress write is pending: the stop stores it, and nothing fails after.</summary>
public sealed class JobIndexShutdownTests
{
    [Fact]
    public async Task Stopping_with_a_progress_write_pending_logs_no_failed_write()
    {
        var logs = new CapturingLoggerProvider();
        var cluster = ClusterFixture.Build(silos: 1, configure: builder => builder.ConfigureSilo((_, silo) =>
            silo.Services.AddSingleton<ILoggerProvider>(logs)));
        await cluster.DeployAsync();
        try
        {
            var created = DateTimeOffset.UtcNow;
            var job = new JobSummary("job-1", "synthetic", JobStatus.Running, created, null, 2, 0, null) { ItemsTotal = 10 };
            await JobIndex.UpsertAsync(cluster.Client, job);

            // Progress alone: stored within a second, or by the deactivation if the silo stops first.
            await JobIndex.UpsertAsync(cluster.Client, job with { ItemsDone = 5 });
            await cluster.StopAllSilosAsync();

            // Past the moment the pending write would have run.
            await Task.Delay(JobIndexBucketGrain.ProgressWriteDelay * 2);
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        var problems = logs.Lines.Where(l => l.Level >= LogLevel.Warning).Select(l => l.ToString()).ToList();
        Assert.DoesNotContain(problems, l => l.Contains(typeof(JobIndexBucketGrain).FullName!, StringComparison.Ordinal));
        Assert.DoesNotContain(problems, l => l.Contains("OnDeactivateAsync", StringComparison.Ordinal));
    }
}
