using ParallelAgents.Engine.Security;

namespace ParallelAgents.Engine.Tests.Security;

public sealed class ApiKeyHasherTests
{
    [Fact]
    public void Hash_is_the_hex_sha256_of_the_utf8_key()
    {
        // printf 'abc' | sha256sum
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyHasher.HashHex("abc"));
    }

    [Theory]
    [InlineData("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", true)]
    [InlineData(" ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad ", true)]
    [InlineData("abc", false)]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false)]
    [InlineData(null, false)]
    public void Parses_configured_hashes(string? hex, bool ok)
    {
        Assert.Equal(ok, ApiKeyHasher.TryParseHash(hex, out var hash));
        if (ok)
        {
            Assert.True(ApiKeyHasher.Matches("abc", hash));
            Assert.False(ApiKeyHasher.Matches("abd", hash));
        }
    }

    [Fact]
    public void Directory_finds_the_key_by_hash_only()
    {
        var directory = new ApiKeyDirectory(
        [
            new ApiKeyEntry("ci", ApiKeyHasher.Hash("ci-key"), [Scopes.JobsSubmit]),
            new ApiKeyEntry("ops", ApiKeyHasher.Hash("ops-key"), [Scopes.Admin]),
        ]);
        Assert.Equal("ci", directory.Find("ci-key")?.Name);
        Assert.Equal("ops", directory.Find("ops-key")?.Name);
        Assert.Null(directory.Find("CI-KEY"));
        Assert.Null(directory.Find(ApiKeyHasher.HashHex("ci-key")));
        Assert.Null(directory.Find(""));
        Assert.Null(directory.Find(null));
    }

    [Theory]
    [InlineData("jobs.read", "jobs:read")]
    [InlineData("Jobs.Submit", "jobs:submit")]
    [InlineData("jobs:submit", "jobs:submit")]
    [InlineData("Admin", "admin")]
    [InlineData("reader", null)]
    public void Maps_entra_roles_to_scopes(string role, string? scope) => Assert.Equal(scope, Scopes.FromRole(role));
}
