namespace ParallelAgents.Hosting.Topology;

/// <summary>The instance's role in the cluster and, for a front end, how it reaches the silos. Section <c>Orleans</c>.</summary>
public sealed class OrleansTopologyOptions
{
    /// <summary>Configuration section (it also holds the cluster id, ports and membership settings).</summary>
    public const string Section = "Orleans";

    /// <summary><c>Combined</c> (default), <c>Client</c> or <c>Silo</c>; see <see cref="OrleansRole"/>.</summary>
    public string Role { get; set; } = nameof(OrleansRole.Combined);

    /// <summary>Settings of the <see cref="OrleansRole.Client"/> role.</summary>
    public OrleansClientOptions Client { get; set; } = new();

    /// <summary>The role, or null when <see cref="Role"/> names none.</summary>
    public OrleansRole? ParsedRole =>
        Enum.TryParse<OrleansRole>(Role, ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(Role, out _) ? role : null;
}
