namespace ParallelAgents.Api.Tests;

/// <summary>The real service (co-hosted silo, in-memory mode) on free ports, with a workspace root of its own.</summary>
public sealed class ApiFactory() : InMemoryServiceFactory<Program>("api");

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
