namespace ParallelAgents.Hosting.Topology;

/// <summary>What an instance of the service is in its Orleans cluster (<c>Orleans:Role</c>).</summary>
public enum OrleansRole
{
    /// <summary>The API with a silo in the same process: one machine, or identical replicas that each serve and work.</summary>
    Combined,

    /// <summary>The API as an Orleans client of a silo cluster, found through the gateways in the clustering table.</summary>
    Client,

    /// <summary>A silo with health endpoints and no public API.</summary>
    Silo,
}
