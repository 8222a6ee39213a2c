
namespace ParallelAgents.Durability.Tests;

/// <summary>One Azurite for the tests that need durable storage.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<Azurite>
{
    public const string Name = "azurite";
}
