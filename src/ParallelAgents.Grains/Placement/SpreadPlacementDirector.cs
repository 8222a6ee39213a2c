using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace ParallelAgents.Grains.Placement;

/// <summary>
/// Segment <c>i</c> of a job goes to silo <c>(offset(job) + i) mod n</c> of the sorted compatible silos. Load statistics
/// are stale for a burst of activations made within a second (every segment of a job is placed at once), which let
/// load-based placement put a whole job on one silo; an index-based spread is even by construction, and the offset
/// spreads different jobs' first segments. When a silo dies, the list shrinks and a reactivated segment moves on.
/// A segment admitted to a silo by the admission scheduler carries that silo as Orleans' placement hint and goes there.
/// </summary>
public sealed class SpreadPlacementDirector : IPlacementDirector
{
    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        if (silos.Length == 0)
        {
            throw new OrleansException("No compatible silo is available to place the segment.");
        }

        // The admission scheduler's choice (a silo with a free slot, away from pressure) wins while that silo is up.
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, silos) is { } hinted)
        {
            return Task.FromResult(hinted);
        }

        var key = target.GrainIdentity.Key.ToString() ?? "";
        var slash = key.LastIndexOf('/');
        var group = slash > 0 ? key[..slash] : key;
        var index = slash > 0 && int.TryParse(key.AsSpan(slash + 1), out var i) ? i : 0;
        var offset = (int)(StableHash(group) % (uint)silos.Length);
        return Task.FromResult(silos[(offset + index) % silos.Length]);
    }

    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
