using System.Text;
using ParallelAgents.Commands.Deps;
using ParallelAgents.Commands.Deps.Licenses;
using ParallelAgents.Commands.Deps.Osv;
using ParallelAgents.Commands.Deps.Versions;

namespace ParallelAgents.Commands.Tests.Deps;

public class OsvMatchingTests
{
    private static OsvAffected Affected(string ecosystem, string type, params (string Kind, string Version)[] events) =>
        new(ecosystem, "pkg", [], [new OsvRange(type, events.Select(e => new OsvEvent(e.Kind, e.Version)).ToArray())], [], null);

    [Theory]
    [InlineData("0.9.0", false)]
    [InlineData("1.0.0", true)]
    [InlineData("1.4.9", true)]
    [InlineData("1.5.0", false)]
    [InlineData("2.0.0", true)]
    [InlineData("2.1.0", true)]
    [InlineData("2.1.1", false)]
    public void IntroducedFixedAndLastAffectedOpenAndCloseRanges(string version, bool affected)
    {
        var a = Affected(Ecosystems.Npm, "SEMVER", ("introduced", "1.0.0"), ("fixed", "1.5.0"), ("introduced", "2.0.0"), ("last_affected", "2.1.0"));
        Assert.Equal(affected, OsvMatcher.IsAffected(a, version, SemVerScheme.Instance));
    }

    [Fact]
    public void LimitCapsARangeAndIntroducedZeroMeansFromTheStart()
    {
        var a = Affected(Ecosystems.PyPI, "ECOSYSTEM", ("introduced", "0"), ("fixed", "10.0.0"), ("limit", "9.0.0"));
        Assert.True(OsvMatcher.IsAffected(a, "0.0.1", Pep440Scheme.Instance));
        Assert.True(OsvMatcher.IsAffected(a, "8.9", Pep440Scheme.Instance));
        Assert.False(OsvMatcher.IsAffected(a, "9.0.0", Pep440Scheme.Instance));
    }

    [Fact]
    public void EcosystemRangesCompareWithTheEcosystemsOwnScheme()
    {
        // 2.0-beta9 < 2.14.1 < 2.15.0 only under Maven's rules.
        var maven = Affected(Ecosystems.Maven, "ECOSYSTEM", ("introduced", "2.0-beta9"), ("fixed", "2.15.0"));
        Assert.True(OsvMatcher.IsAffected(maven, "2.14.1", MavenScheme.Instance));
        Assert.False(OsvMatcher.IsAffected(maven, "2.15.0", MavenScheme.Instance));
        Assert.False(OsvMatcher.IsAffected(maven, "2.0-alpha1", MavenScheme.Instance));

        // 1.0rc1 and 1.0.post1 under PEP 440.
        var pypi = Affected(Ecosystems.PyPI, "ECOSYSTEM", ("introduced", "1.0rc1"), ("fixed", "1.0.post1"));
        Assert.True(OsvMatcher.IsAffected(pypi, "1.0", Pep440Scheme.Instance));
        Assert.False(OsvMatcher.IsAffected(pypi, "1.0b9", Pep440Scheme.Instance));

        var nuget = Affected(Ecosystems.NuGet, "ECOSYSTEM", ("introduced", "4.0.0"), ("fixed", "4.5.1"));
        Assert.True(OsvMatcher.IsAffected(nuget, "4.5.0", NuGetScheme.Instance));
        Assert.False(OsvMatcher.IsAffected(nuget, "4.5.1.0", NuGetScheme.Instance));

        var go = Affected(Ecosystems.Go, "SEMVER", ("introduced", "0"), ("fixed", "20.10.11+incompatible"));
        Assert.True(OsvMatcher.IsAffected(go, "v20.10.0+incompatible", SemVerScheme.Instance));
        Assert.False(OsvMatcher.IsAffected(go, "v20.10.11+incompatible", SemVerScheme.Instance));
    }

    [Fact]
    public void VersionsListMatchesExactlyAndFixAboveIsTheLowestHigherFix()
    {
        var a = new OsvAffected(Ecosystems.PyPI, "flask", ["0.12.2"], [new OsvRange("ECOSYSTEM", [new("introduced", "0"), new("fixed", "0.12.3"), new("introduced", "1.0"), new("fixed", "1.0.1")])], [], null);
        Assert.True(OsvMatcher.IsAffected(a, "0.12.2", Pep440Scheme.Instance));
        Assert.Equal(["0.12.3", "1.0.1"], OsvMatcher.FixedAbove(a, "0.12.2", Pep440Scheme.Instance));
        Assert.Equal(["1.0.1"], OsvMatcher.FixedAbove(a, "1.0", Pep440Scheme.Instance));
    }

    [Fact]
    public void AliasesMergeTransitivelyAndTheCveNamesTheGroup()
    {
        var a = new OsvRecord("GHSA-aaaa", ["CVE-2021-1"], null, null, null, [], [], null);
        var b = new OsvRecord("PYSEC-1", ["GHSA-aaaa"], null, null, null, [], [], null);
        var c = new OsvRecord("GHSA-other", [], null, null, null, [], [], null);
        var groups = AliasGroups.Merge([a, b, c]);
        Assert.Equal(2, groups.Count);
        var (primary, aliases) = AliasGroups.Name(groups.Single(g => g.Count == 2));
        Assert.Equal("CVE-2021-1", primary);
        Assert.Equal(["GHSA-aaaa", "PYSEC-1"], aliases);
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8)]
    [InlineData("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:N", 8.6)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0)]
    public void CvssV3BaseScoresMatchTheCalculator(string vector, double expected) => Assert.Equal(expected, Cvss3.BaseScore(vector));

    [Theory]
    [InlineData("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("not a vector")]
    public void NonV3VectorsHaveNoScore(string vector) => Assert.Null(Cvss3.BaseScore(vector));

    [Fact]
    public async Task DirectoryIndexSkipsBadFilesReadsZipsAndMatchesEachEcosystem()
    {
        var dir = Path.Combine(Path.GetTempPath(), "osv-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.EnumerateFiles(DepsFixtures.Osv).Where(f => !f.Contains("Newtonsoft", StringComparison.Ordinal) && !f.Contains("5crp", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        // The NuGet record arrives inside an all.zip export.
        using (var zip = System.IO.Compression.ZipFile.Open(Path.Combine(dir, "all.zip"), System.IO.Compression.ZipArchiveMode.Create))
        {
            using var entry = zip.CreateEntry("GHSA-5crp-9r3c-p9vr.json").Open();
            entry.Write(File.ReadAllBytes(Path.Combine(DepsFixtures.Osv, "GHSA-5crp-9r3c-p9vr.json")));
        }

        var source = new DirectoryAdvisorySource(dir);
        PackageQuery[] queries =
        [
            new(Ecosystems.Npm, "lodash", "4.17.20"), new(Ecosystems.Npm, "express", "4.17.1"), new(Ecosystems.PyPI, "Jinja2", "2.10"),
            new(Ecosystems.Go, "golang.org/x/text", "v0.3.5"), new(Ecosystems.CratesIo, "smallvec", "1.6.0"),
            new(Ecosystems.Maven, "org.apache.logging.log4j:log4j-core", "2.14.1"), new(Ecosystems.NuGet, "newtonsoft.json", "12.0.1"),
            new(Ecosystems.PyPI, "pillow", "9.0.0"), new(Ecosystems.CratesIo, "smallvec", "1.6.1"),
        ];
        var lookup = await source.LookupAsync(queries, CancellationToken.None);
        Assert.Equal(2, lookup.Matches[queries[0]].Count);
        Assert.False(lookup.Matches.ContainsKey(queries[1]), "withdrawn records never match");
        Assert.Equal("PYSEC-2019-217", Assert.Single(lookup.Matches[queries[2]]).Id);
        Assert.True(lookup.Matches.ContainsKey(queries[3]));
        Assert.True(lookup.Matches.ContainsKey(queries[4]));
        Assert.True(lookup.Matches.ContainsKey(queries[5]));
        Assert.Equal("GHSA-5crp-9r3c-p9vr", Assert.Single(lookup.Matches[queries[6]]).Id);
        Assert.Equal("PYSEC-2022-10", Assert.Single(lookup.Matches[queries[7]]).Id);
        Assert.False(lookup.Matches.ContainsKey(queries[8]));
        Assert.Equal(1, lookup.Source.Skipped);
        Assert.Equal(new DateTimeOffset(2024, 6, 30, 12, 0, 0, TimeSpan.Zero), lookup.Source.DatabaseDate);

        // Built once and shared.
        Assert.Same(await source.GetIndexAsync(CancellationToken.None), await source.GetIndexAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AMissingDirectoryIsAnAdvisorySourceError()
    {
        var source = new DirectoryAdvisorySource(Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid()));
        await Assert.ThrowsAsync<AdvisorySourceException>(() => source.LookupAsync([new(Ecosystems.Npm, "a", "1.0.0")], CancellationToken.None));
    }

    [Fact]
    public void RecordsParseFromJson()
    {
        var record = OsvJson.Parse(Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(DepsFixtures.Osv, "GHSA-vh95-rmgr-6w4m.json"))));
        Assert.Equal(["CVE-2020-7598"], record.Aliases);
        Assert.Equal("MODERATE", record.DatabaseSeverity);
        Assert.Equal(2, record.Affected[0].Ranges.Count);
        Assert.Throws<FormatException>(() => OsvJson.Parse("{\"summary\":\"no id\"}"u8));
    }

    [Theory]
    [InlineData("MIT", "Allowed")]
    [InlineData("MIT OR GPL-3.0-only", "Allowed")]
    [InlineData("MIT AND GPL-3.0-only", "Denied")]
    [InlineData("(Apache-2.0 OR MIT) AND BSD-3-Clause", "Allowed")]
    [InlineData("(Apache-2.0 OR MIT) AND Unlicense", "NotAllowed")]
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0", "Allowed")]
    [InlineData("GPL-2.0-only", "NotAllowed")]
    [InlineData("GPL-3.0+", "Denied")]
    [InlineData("mit or (", "NotAllowed")]
    public void LicenseExpressionsAreJudgedAgainstAllowAndDeny(string expression, string verdict)
    {
        var policy = new LicensePolicy(["MIT", "Apache-2.0", "BSD-3-Clause", "GPL-2.0-only WITH Classpath-exception-2.0"], ["GPL-3.0-only", "GPL-3.0"]);
        Assert.Equal(verdict, policy.Judge(expression).ToString());
    }

    [Fact]
    public void SpdxExpressionsParseWithPrecedence()
    {
        var parsed = SpdxExpression.Parse("MIT OR Apache-2.0 AND (BSD-2-Clause WITH x)");
        var or = Assert.IsType<SpdxOr>(parsed);
        Assert.IsType<SpdxAnd>(or.Right);
        Assert.Equal(["MIT", "Apache-2.0", "BSD-2-Clause WITH x"], parsed.Leaves().Select(l => l.ToString()));
    }
}
