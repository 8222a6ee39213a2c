namespace ParallelAgents.Cli.Tests;

/// <summary>The real service (co-hosted silo, in-memory mode) in the test process, on free Orleans ports.</summary>
public sealed class ServiceFactory : InMemoryServiceFactory<global::Program>
{
    public ServiceFactory()
        : base("cli")
    {
        Settings["Logging:LogLevel:Default"] = "Warning";
    }
}

[CollectionDefinition(Name)]
public sealed class ServiceTestCollection : ICollectionFixture<ServiceFactory>
{
    public const string Name = "service";
}
