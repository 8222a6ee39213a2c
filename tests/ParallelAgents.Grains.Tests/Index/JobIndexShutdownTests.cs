using System.Collections.Concurrent;
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
        var logs = new Warnings();
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

        Assert.DoesNotContain(logs.Lines, l => l.Contains(typeof(JobIndexBucketGrain).FullName!, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("OnDeactivateAsync", StringComparison.Ordinal));
    }

    private sealed class Warnings : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}
