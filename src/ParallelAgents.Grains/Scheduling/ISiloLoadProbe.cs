using ParallelAgents.Engine.Scheduling;

namespace ParallelAgents.Grains.Scheduling;

/// <summary>Measures this silo's cores, CPU and memory for the admission scheduler.</summary>
public interface ISiloLoadProbe
{
    /// <summary>This silo's report as of now.</summary>
    SiloCapacity Measure();
}
