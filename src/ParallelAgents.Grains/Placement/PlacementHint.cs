using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace ParallelAgents.Grains.Placement;

/// <summary>Orleans' placement hint for one call: the silo a grain activated by that call should go to.</summary>
public static class PlacementHint
{
    /// <summary>
    /// Makes <paramref name="call"/> with <paramref name="silo"/> (a parsable silo address) as the placement hint; the
    /// hint is taken off the request context again once the call is sent.
    /// </summary>
    public static Task<T> Call<T>(string? silo, Func<Task<T>> call)
    {
        if (silo is null)
        {
            return call();
        }

        RequestContext.Set(IPlacementDirector.PlacementHintKey, SiloAddress.FromParsableString(silo));
        try
        {
            return call();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    /// <summary>Drops a hint that arrived with the current request, so calls made from here are placed on their own.</summary>
    public static void Clear() => RequestContext.Remove(IPlacementDirector.PlacementHintKey);
}
