using Microsoft.Extensions.Logging.Abstractions;
using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Jobs;

namespace ParallelAgents.Grains.Tests;

/// <summary>The job's end is sent right after the send in flight, never behind a backlog of item counts it supersedes.</summary>
public sealed class ProgressPublisherTests
{
    [Fact]
    public async Task The_completion_event_is_sent_next_and_the_item_counts_it_supersedes_are_not_sent_but_replayable()
    {
        // One thread at a time, as on the grain.
        var exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        var (sent, replay) = await Task.Factory.StartNew(
            async () =>
            {
                var sent = new List<(long Sequence, ProgressEventKind Kind)>();
                var firstSend = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var publisher = new ProgressPublisher(
                    e =>
                    {
                        sent.Add((e.Sequence, e.Kind));
                        return sent.Count == 1 ? firstSend.Task : Task.CompletedTask;
                    },
                    NullLogger.Instance,
                    "job");

                // The first send is slow (storage, a busy queue): a backlog builds behind it.
                publisher.Publish(Event(1, ProgressEventKind.Planned, null, full: true));
                var sequence = 1L;
                for (var segment = 0; segment < 8; segment++)
                {
                    publisher.Publish(Event(++sequence, ProgressEventKind.SegmentStarted, segment));
                }

                for (var round = 0; round < 5; round++)
                {
                    for (var segment = 0; segment < 8; segment++)
                    {
                        publisher.Publish(Event(++sequence, ProgressEventKind.ItemCompleted, segment));
                    }
                }

                publisher.Publish(Event(++sequence, ProgressEventKind.JobCompleted, null, full: true));
                firstSend.SetResult();
                await publisher.DrainAsync();
                return (sent, publisher.Since(0));
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            exclusive).Unwrap();

        Assert.Equal(ProgressEventKind.Planned, sent[0].Kind);
        Assert.Equal(ProgressEventKind.JobCompleted, sent[^1].Kind);
        Assert.DoesNotContain(sent, e => e.Kind == ProgressEventKind.ItemCompleted);
        Assert.Equal(8, sent.Count(e => e.Kind == ProgressEventKind.SegmentStarted));
        Assert.Equal(sent.Select(e => e.Sequence).Order(), sent.Select(e => e.Sequence));

        // A client that reconnects still gets every event from the window.
        Assert.Equal(50, replay.Count);
        Assert.Equal(40, replay.Count(e => e.Kind == ProgressEventKind.ItemCompleted));
    }

    [Fact]
    public async Task Without_a_later_snapshot_an_item_count_is_sent_unless_its_instance_moved_on()
    {
        var exclusive = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        var sent = await Task.Factory.StartNew(
            async () =>
            {
                var sent = new List<(long Sequence, int? Segment)>();
                var firstSend = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var publisher = new ProgressPublisher(
                    e =>
                    {
                        sent.Add((e.Sequence, e.SegmentIndex));
                        return sent.Count == 1 ? firstSend.Task : Task.CompletedTask;
                    },
                    NullLogger.Instance,
                    "job");
                publisher.Publish(Event(1, ProgressEventKind.ItemCompleted, 0));
                publisher.Publish(Event(2, ProgressEventKind.ItemCompleted, 0));
                publisher.Publish(Event(3, ProgressEventKind.ItemCompleted, 1));
                publisher.Publish(Event(4, ProgressEventKind.ItemCompleted, 0));
                firstSend.SetResult();
                await publisher.DrainAsync();
                return sent;
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            exclusive).Unwrap();

        Assert.Equal([(1L, (int?)0), (3L, 1), (4L, 0)], sent);
    }

    private static ProgressEvent Event(long sequence, ProgressEventKind kind, int? segment, bool full = false)
    {
        var status = kind == ProgressEventKind.JobCompleted ? JobStatus.Completed : JobStatus.Running;
        var snapshot = full
            ? new JobSnapshot("job", "synthetic", status, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, [], ProgressSummary.Empty, JobMetrics.Empty, null, false, null)
            : null;
        return new ProgressEvent("job", sequence, kind, DateTimeOffset.UnixEpoch, segment, null, status, ProgressSummary.Empty, null, snapshot);
    }
}
