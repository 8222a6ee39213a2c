namespace ParallelAgents.Grains.Tests;

/// <summary>One Azurite for the grain tests of the durable mode (xunit finds collection definitions only in the test project).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<Azurite>
{
    public const string Name = "azurite";
}
