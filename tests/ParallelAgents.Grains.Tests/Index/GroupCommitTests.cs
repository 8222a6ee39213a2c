using ParallelAgents.Grains.Index;

namespace ParallelAgents.Grains.Tests.Index;

public sealed class GroupCommitTests
{
    [Fact]
    public void A_caller_arriving_between_a_finished_write_and_the_queued_one_joins_the_queued_one()
    {
        // One thread whose queued work runs only when pumped: the interleaving of a reentrant grain, made repeatable.
        var context = new PumpedContext();
        var outer = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            var writes = new List<TaskCompletionSource>();
            var commit = new GroupCommit(() =>
            {
                var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                writes.Add(write);
                return write.Task;
            });

            _ = commit.WriteAsync();
            var queued = commit.WriteAsync();
            writes[0].SetResult();

            // The first write is done; the queued one has not started. A caller now must join it, not start a
            // third write beside it (which would race the queued one on the ETag).
            var late = commit.WriteAsync();
            Assert.Same(queued, late);
            Assert.Single(writes);

            context.Pump();
            Assert.Equal(2, writes.Count);
            writes[1].SetResult();
            context.Pump();
            Assert.True(late.IsCompletedSuccessfully);
            Assert.Equal(2, writes.Count);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(outer);
        }
    }

    private sealed class PumpedContext : SynchronizationContext
    {
        private readonly Queue<(SendOrPostCallback, object?)> _queue = new();

        public override void Post(SendOrPostCallback d, object? state) => _queue.Enqueue((d, state));

        public void Pump()
        {
            while (_queue.TryDequeue(out var work))
            {
                work.Item1(work.Item2);
            }
        }
    }
}
