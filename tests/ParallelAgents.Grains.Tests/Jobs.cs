using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Tests;

/// <summary>Submitting and waiting for jobs from tests.</summary>
public static class Jobs
{
    public static async Task<string> SubmitAsync(IGrainFactory grains, string command, string options)
    {
        var id = Guid.NewGuid().ToString("N");
        await grains.GetGrain<ICommandGrain>(id).SubmitAsync(new JobSpec(command, null, options, null, DateTimeOffset.UtcNow));
        return id;
    }

    public static async Task<JobSnapshot> WaitAsync(IGrainFactory grains, string id, TimeSpan timeout, Func<JobSnapshot, bool>? until = null)
    {
        until ??= s => s.Status.IsTerminal();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            JobSnapshot? snapshot = null;
            try
            {
                snapshot = await grains.GetGrain<ICommandGrain>(id).GetSnapshotAsync();
            }
            catch (Exception e) when (e is Orleans.Runtime.SiloUnavailableException or TimeoutException or Orleans.Runtime.OrleansMessageRejectionException)
            {
                // The job's silo may be going down in failure tests: ask again.
            }

            if (snapshot is not null && until(snapshot))
            {
                return snapshot;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {id} did not reach the expected state: {snapshot?.Status} {snapshot?.Progress.ItemsDone}/{snapshot?.Progress.ItemsTotal}");
            }

            await Task.Delay(50);
        }
    }
}
