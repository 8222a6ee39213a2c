using Orleans.Placement;

namespace ParallelAgents.Grains.Placement;

/// <summary>Marks a grain keyed <c>{group}/{index}</c> to be spread over the silos by index within its group.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SpreadPlacementAttribute() : PlacementAttribute(SpreadPlacement.Instance);
