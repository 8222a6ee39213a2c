using ParallelAgents.Abstractions;
using ParallelAgents.Api.Endpoints;

namespace ParallelAgents.Api.Tests.Security;

public sealed class ProgressMaskingTests
{
    private const string Secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

    private static JobSnapshot Snapshot() => new(
        "j", "synthetic", JobStatus.Failed, DateTimeOffset.UnixEpoch, null, null,
        [new InstanceSnapshot(0, "k", SegmentStatus.Failed, 0, 1, 1, null, 0, null, $"token {Secret} refused")],
        ProgressSummary.Empty, JobMetrics.Empty, $"clone failed with {Secret}", false, null);

    [Fact]
    public void Snapshots_served_by_the_api_do_not_echo_secrets()
    {
        var masked = JobsApi.Masked(Snapshot());
        Assert.DoesNotContain(Secret, masked.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, masked.Instances[0].Error, StringComparison.Ordinal);
        Assert.StartsWith("clone failed with", masked.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_events_do_not_echo_secrets()
    {
        var snapshot = Snapshot();
        var item = JobsApi.Item("jobCompleted", new ProgressEvent("j", 1, ProgressEventKind.JobCompleted, DateTimeOffset.UnixEpoch, null, snapshot.Error, snapshot.Status, snapshot.Progress, snapshot.Instances[0], snapshot), "1");
        Assert.DoesNotContain(Secret, item.Data, StringComparison.Ordinal);
        Assert.Contains("clone failed with", item.Data, StringComparison.Ordinal);
        System.Text.Json.JsonDocument.Parse(item.Data).Dispose();
    }
}
