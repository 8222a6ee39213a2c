using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace ParallelAgents.Grains.Hosting;

/// <summary>The exceptions a grain call meets when the silo on the other side is lost or being declared dead.</summary>
public static class ClusterFaults
{
    /// <summary>True when the call failed because an instance was lost, not because the callee failed.</summary>
    public static bool IsInstanceLoss(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or ConnectionFailedException
        || (e is AggregateException a && a.InnerExceptions.Any(IsInstanceLoss));
}
