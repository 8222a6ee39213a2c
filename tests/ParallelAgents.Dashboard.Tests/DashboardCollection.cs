namespace ParallelAgents.Dashboard.Tests;

/// <summary>One service and one browser for all dashboard tests: both are slow to start.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardServer>, ICollectionFixture<Browser>
{
    public const string Name = "dashboard";
}
