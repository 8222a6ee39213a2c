namespace ParallelAgents.Engine.Planning;

/// <summary>How many agent instances a workload gets.</summary>
public static class PoolSizing
{
    /// <summary>
    /// <c>min(maxInstances, ceil(items / itemsPerInstance))</c>, never more instances than items, and one instance
    /// below the parallel threshold: parallelism is not free.
    /// </summary>
    public static int Instances(long workItems, PoolSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workItems);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxInstances, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.ItemsPerInstance, 1);
        if (workItems == 0)
        {
            return 0;
        }

        if (workItems < settings.ParallelThreshold)
        {
            return 1;
        }

        var wanted = (workItems + settings.ItemsPerInstance - 1) / settings.ItemsPerInstance;
        return (int)Math.Min(Math.Min(settings.MaxInstances, wanted), workItems);
    }
}
