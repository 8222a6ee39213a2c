using ParallelAgents.Commands.Deps.Versions;

namespace ParallelAgents.Commands.Tests.Deps;

public class VersionSchemeTests
{
    // semver.org §11: 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta < 1.0.0-beta.2 < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0.
    public static readonly string[] SemVerPrecedence =
        ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1"];

    // pypa/packaging tests/test_version.py VERSIONS (ascending).
    public static readonly string[] Pep440Order =
    [
        "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345",
        "1.0b2-346", "1.0c1.dev456", "1.0c1", "1.0rc2", "1.0c3", "1.0", "1.0.post456.dev34", "1.0.post456", "1.1.dev1", "1.2+123abc",
        "1.2+123abc456", "1.2+abc", "1.2+abc123", "1.2+abc123def", "1.2+1234.abc", "1.2+123456", "1.2.r32+123456", "1.2.rev33+123456",
        "1!1.0.dev456", "1!1.0a1", "1!1.0a2.dev456", "1!1.0a12.dev456", "1!1.0a12", "1!1.0b1.dev456", "1!1.0b2", "1!1.0b2.post345.dev456",
        "1!1.0b2.post345", "1!1.0b2-346", "1!1.0c1.dev456", "1!1.0c1", "1!1.0rc2", "1!1.0c3", "1!1.0", "1!1.0.post456.dev34", "1!1.0.post456",
        "1!1.1.dev1", "1!1.2+123abc", "1!1.2+123abc456", "1!1.2+abc", "1!1.2+abc123", "1!1.2+abc123def", "1!1.2+1234.abc", "1!1.2+123456",
        "1!1.2.r32+123456", "1!1.2.rev33+123456",
    ];

    // apache/maven ComparableVersionTest VERSIONS_QUALIFIER and VERSIONS_NUMBER (ascending).
    public static readonly string[] MavenQualifiers =
        ["1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2", "1-m11", "1-rc", "1-cr2", "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def", "1-pom-1", "1-1-snapshot", "1-1", "1-2", "1-123"];

    public static readonly string[] MavenNumbers =
        ["2.0", "2-1", "2.0.a", "2.0.0.a", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1", "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11", "11", "11.a", "11b", "11c", "11m"];

    // NuGet: numeric parts, a fourth part, prerelease labels compared case-insensitively, metadata ignored.
    public static readonly string[] NuGetOrder = ["1.0.0-alpha", "1.0.0-alpha.2", "1.0.0-BETA", "1.0.0-rc.1", "1.0.0", "1.0.0.1", "1.0.1", "1.10.0", "2.0.0"];

    [Fact]
    public void SemVerFollowsThePrecedenceListOfTheSpecification() => AssertAscending(SemVerScheme.Instance, SemVerPrecedence);

    [Fact]
    public void GoVersionsIgnoreThePrefixAndIncompatibleAndOrderPseudoVersionsAsPrereleases()
    {
        var s = SemVerScheme.Instance;
        Assert.Equal(0, s.Compare("v1.2.3", "1.2.3"));
        Assert.Equal(0, s.Compare("v20.10.0+incompatible", "20.10.0"));
        Assert.True(s.Compare("v20.10.0+incompatible", "20.10.11+incompatible") < 0);
        AssertAscending(s, ["v0.0.0-20210226172049-e18ecbb05110", "v0.1.0", "v0.3.5", "v0.3.6-0.20210101000000-abcdefabcdef", "v0.3.6"]);
        Assert.False(s.IsValid("latest"));
    }

    [Fact]
    public void Pep440FollowsThePackagingOrderingExamples() => AssertAscending(Pep440Scheme.Instance, Pep440Order);

    [Theory]
    [InlineData("1.0", "1.0.0")]
    [InlineData("1.0a1", "1.0.alpha.1")]
    [InlineData("1.0rc1", "1.0c1")]
    [InlineData("1.0.post1", "1.0-1")]
    [InlineData("1.0.dev0", "1.0-dev")]
    [InlineData("v1.0", "1.0")]
    [InlineData("0!1.0", "1.0")]
    public void Pep440NormalisesEquivalentSpellings(string left, string right) => Assert.Equal(0, Pep440Scheme.Instance.Compare(left, right));

    [Fact]
    public void MavenFollowsTheComparableVersionTestOrderings()
    {
        AssertAscending(MavenScheme.Instance, MavenQualifiers);
        AssertAscending(MavenScheme.Instance, MavenNumbers);
    }

    [Theory]
    [InlineData("1", "1.0.0")]
    [InlineData("1", "1-0")]
    [InlineData("1.0", "1.0-0")]
    [InlineData("1a", "1-a")]
    [InlineData("1a", "1.0.0-a")]
    [InlineData("1x", "1.0-x")]
    [InlineData("1ga", "1")]
    [InlineData("1final", "1")]
    [InlineData("1cr", "1rc")]
    [InlineData("1a1", "1alpha1")]
    [InlineData("1m3", "1MILESTONE3")]
    [InlineData("1-abcdefghijklmnopqrstuvwxyz", "1-ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
    public void MavenTreatsTheTestCasesEqualsAsEqual(string left, string right)
    {
        Assert.Equal(0, MavenScheme.Instance.Compare(left, right));
        Assert.Equal(new MavenVersion(left).Canonical, new MavenVersion(right).Canonical);
    }

    [Theory]
    [InlineData("1.0-alpha-1", "1.0")]
    [InlineData("1.0-beta-1", "1.0-SNAPSHOT")]
    [InlineData("1.0-SNAPSHOT", "1.0")]
    [InlineData("1.0-alpha-1-SNAPSHOT", "1.0-alpha-1")]
    [InlineData("1.0", "1.0-1")]
    [InlineData("2.0-1", "2.0.1")]
    [InlineData("2.0.1-klm", "2.0.1-lmn")]
    [InlineData("2.0.1", "2.0.1-xyz")]
    [InlineData("2.0.1-xyz", "2.0.1-123")]
    [InlineData("2.0-beta9", "2.14.1")]
    [InlineData("2.9.8", "2.9.9")]
    [InlineData("2.6.7.3", "2.9.8")]
    public void MavenOrdersTheTestCasePairs(string lower, string higher)
    {
        Assert.True(MavenScheme.Instance.Compare(lower, higher) < 0, $"{lower} < {higher}");
        Assert.True(MavenScheme.Instance.Compare(higher, lower) > 0, $"{higher} > {lower}");
    }

    [Fact]
    public void NuGetOrdersFourPartVersionsAndCaseInsensitiveLabels()
    {
        AssertAscending(NuGetScheme.Instance, NuGetOrder);
        Assert.Equal(0, NuGetScheme.Instance.Compare("1.0.0-Beta", "1.0.0-beta"));
        Assert.Equal(0, NuGetScheme.Instance.Compare("1.0.0+build.1", "1.0.0"));
        Assert.Equal(0, NuGetScheme.Instance.Compare("1.0", "1.0.0.0"));
    }

    private static void AssertAscending(IVersionScheme scheme, string[] versions)
    {
        for (var i = 0; i < versions.Length; i++)
        {
            Assert.True(scheme.IsValid(versions[i]), $"{versions[i]} should be valid for {scheme.Name}");
            for (var j = i + 1; j < versions.Length; j++)
            {
                Assert.True(scheme.Compare(versions[i], versions[j]) < 0, $"{scheme.Name}: expected {versions[i]} < {versions[j]}");
                Assert.True(scheme.Compare(versions[j], versions[i]) > 0, $"{scheme.Name}: expected {versions[j]} > {versions[i]}");
            }
        }
    }
}
