using ParallelAgents.Grains.Jobs;

namespace ParallelAgents.Grains.Tests;

/// <summary>Writes of one grain state never overlap (they would race on the ETag), and concurrent requests share writes.</summary>
public sealed class CoalescingWriterTests
{
    [Fact]
    public async Task A_request_between_the_running_writes_end_and_the_queued_writes_start_joins_the_queued_write()
    {
        // One thread at a time, as on a grain: continuations wait for the running code to yield.
        var exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        var (writes, overlap) = await Task.Factory.StartNew(
            async () =>
            {
                var pending = new List<TaskCompletionSource>();
                var running = 0;
                var most = 0;
                var writer = new CoalescingWriter(() =>
                {
                    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    pending.Add(done);
                    most = Math.Max(most, ++running);
                    return done.Task.ContinueWith(_ => running--, exclusive);
                });

                var first = writer.WriteAsync();

                // Runs the moment the first write ends, before the queued write (registered after it) starts.
                Task? third = null;
                var between = first.ContinueWith(_ => third = writer.WriteAsync(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, exclusive);
                var second = writer.WriteAsync();
                pending[0].SetResult();
                await between;
                for (var turn = 0; turn < 100 && !(second.IsCompleted && third!.IsCompleted); turn++)
                {
                    foreach (var write in pending.Where(p => !p.Task.IsCompleted).ToArray())
                    {
                        write.SetResult();
                    }

                    await Task.Yield();
                }

                await Task.WhenAll(second, third!);
                return (pending.Count, most);
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            exclusive).Unwrap();

        Assert.Equal(1, overlap);
        Assert.Equal(2, writes);
    }
}
