using System.Text.Json;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Deps;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Planning;

namespace ParallelAgents.Commands.Tests.Deps;

public class DepsAuditCommandTests
{
    private static readonly DepsAuditCommand Command = new();

    [Fact]
    public async Task WithoutAnAdvisorySourceItInventoriesEveryManagerAndSaysSo()
    {
        var (assessment, _, section) = await CommandHarness.RunAsync(Command, DepsFixtures.Repo);

        Assert.Equal(PackageManagers.All.Order(), assessment.Items.Select(i => i.Key).Distinct().Order());
        var plan = JobPlanner.Plan(assessment.Items, PoolSettings.Resolve(Command.Descriptor.Pool, CommandOptions.Empty), Command.Descriptor.Strategy);
        Assert.Equal(6, plan.Segments.Count);
        Assert.All(plan.Segments, s => Assert.Single(s.Items.Select(i => i.Key).Distinct()));

        Assert.Contains(section.Notes!, n => n.Contains("No advisory source was configured", StringComparison.Ordinal));
        Assert.DoesNotContain(section.Findings, f => f.RuleId == DepsRules.Vulnerable);
        using var data = JsonDocument.Parse(section.DataJson!);
        var managers = data.RootElement.GetProperty("managers").EnumerateArray().Select(m => m.GetProperty("manager").GetString()!).ToArray();
        Assert.Equal(PackageManagers.All, managers);
        Assert.Equal("none", data.RootElement.GetProperty("advisorySource").GetProperty("kind").GetString());
        Assert.Contains("No advisory source was configured", section.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAnOsvDirectoryItReportsOneFindingPerVulnerabilityAtTheDeclaringLine()
    {
        var services = DepsFixtures.Services(("Advisories:OsvDirectory", DepsFixtures.Osv));
        var (_, _, section) = await CommandHarness.RunAsync(Command, DepsFixtures.Repo, "{\"licenses\":{\"deny\":[\"GPL-3.0-only\"]}}", services);
        var vulns = section.Findings.Where(f => f.RuleId == DepsRules.Vulnerable).ToArray();

        // lodash 4.17.20 is in package-lock.json and yarn.lock of web/, reported by a GHSA and a CVE record: one finding.
        var lodash = Assert.Single(vulns, f => f.Properties!["package"] == "lodash" && f.File!.StartsWith("web/", StringComparison.Ordinal));
        Assert.Equal(("CVE-2021-23337", "GHSA-35jh-r3h4-6jhm", "4.17.21", "7.2"), (lodash.Properties!["advisory"], lodash.Properties["aliases"], lodash.Properties["fixedVersion"], lodash.Properties["security-severity"]));
        Assert.Equal(("web/package-lock.json", 18, Severity.High), (lodash.File, lodash.Line, lodash.Severity));

        var log4j = Assert.Single(vulns, f => f.Properties!["advisory"] == "CVE-2021-44228");
        Assert.Equal(("java/pom.xml", 22, Severity.Critical, "10.0"), (log4j.File, log4j.Line, log4j.Severity, log4j.Properties!["security-severity"]));

        var text = Assert.Single(vulns, f => f.Properties!["package"] == "golang.org/x/text");
        Assert.Equal(("svc/go.mod", 7, "false"), (text.File, text.Line, text.Properties!["direct"]));
        Assert.Contains("transitive", text.Message, StringComparison.Ordinal);

        Assert.DoesNotContain(vulns, f => f.Properties!["package"] == "express");
        Assert.Contains(vulns, f => f.Properties!["package"] == "qs" && !f.Properties.ContainsKey("fixedVersion") && f.Message.Contains("No fixed version", StringComparison.Ordinal));
        Assert.Contains(vulns, f => f.Properties!["package"] == "minimist" && f.Properties["version"] == "0.0.8" && f.Properties["fixedVersion"] == "0.2.1");
        Assert.DoesNotContain(vulns, f => f.Properties!["package"] == "minimist" && f.Properties["version"] == "1.2.5");
        Assert.Contains(vulns, f => f.Properties!["package"] == "PyYAML" || f.Properties["package"] == "pyyaml");
        Assert.Contains(vulns, f => f.Properties!["package"] == "smallvec" && f.Properties["fixedVersion"] == "1.6.1" && f.File == "rust/Cargo.lock");
        Assert.Contains(vulns, f => f.Properties!["package"] == "com.fasterxml.jackson.core:jackson-databind" && f.Properties["fixedVersion"] == "2.9.9");
        Assert.Contains(vulns, f => f.Properties!["package"] == "Newtonsoft.Json" && f.File == "dotnet/Directory.Packages.props");
        Assert.Contains(vulns, f => f.Properties!["package"] == "jQuery" && f.Properties["security-severity"] == "5.5");
        Assert.Contains(vulns, f => f.Properties!["package"] == "github.com/new/thing");
        Assert.Contains(vulns, f => f.Properties!["package"] == "github.com/docker/docker");
        Assert.Equal(vulns.Length, vulns.Select(f => (f.Properties!["advisory"], f.Properties["package"], f.Properties["version"], Path.GetDirectoryName(f.File))).Distinct().Count());

        var license = Assert.Single(section.Findings, f => f.RuleId == DepsRules.LicenseDenied);
        Assert.Equal(("web/package-lock.json", "GPL-3.0-only"), (license.File, license.Properties!["license"]));

        Assert.Contains(section.Notes!, n => n.Contains("OSV directory", StringComparison.Ordinal) && n.Contains("2024-06-30", StringComparison.Ordinal));
        Assert.Contains("### Upgrade suggestions", section.Markdown, StringComparison.Ordinal);
        Assert.Contains("upgrade to **2.15.0**", section.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACorruptLockfileIsAFindingOnThatFileAndTheOtherManagersStillReport()
    {
        var repo = DepsFixtures.CopyRepo();
        try
        {
            File.WriteAllText(Path.Combine(repo, "rust", "Cargo.lock"), "[[package]]\nname = \"smallvec\nversion = \"1.6.0\"\n");
            File.WriteAllBytes(Path.Combine(repo, "py", "requirements-dev.txt"), [0xff, 0xfe, 0x00, 0x41]);
            var services = DepsFixtures.Services(("Advisories:OsvDirectory", DepsFixtures.Osv));
            var (_, results, section) = await CommandHarness.RunAsync(Command, repo, services: services);

            Assert.All(results, r => Assert.Null(r.Error));
            var unreadable = section.Findings.Where(f => f.RuleId == DepsRules.Unreadable).ToArray();
            Assert.Equal(["py/requirements-dev.txt", "rust/Cargo.lock"], unreadable.Select(f => f.File).Order(StringComparer.Ordinal));
            Assert.Contains("invalid TOML", unreadable.Single(f => f.File == "rust/Cargo.lock").Message, StringComparison.Ordinal);
            Assert.Contains(section.Findings, f => f.RuleId == DepsRules.Vulnerable && f.Properties!["advisory"] == "CVE-2021-44228");
            Assert.Contains(section.Findings, f => f.RuleId == DepsRules.Vulnerable && f.Properties!["manager"] == PackageManagers.Npm);
            Assert.Contains(section.Notes!, n => n.Contains("could not be read", StringComparison.Ordinal) && n.Contains("rust/Cargo.lock", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }
    }

    [Fact]
    public async Task WithTheOsvApiItQueriesTheServerAndStatesTheSource()
    {
        await using var server = new FakeOsvServer(DepsFixtures.Osv);
        server.Faults["/v1/querybatch"] = new([503]);
        var services = DepsFixtures.Services(("Advisories:OsvApiUrl", server.BaseUrl.ToString()), ("Advisories:ApiRetryBaseDelayMs", "10"));
        var (_, _, section) = await CommandHarness.RunAsync(Command, DepsFixtures.Repo, "{\"managers\":[\"python\"]}", services);

        var flask = Assert.Single(section.Findings, f => f.RuleId == DepsRules.Vulnerable && f.Properties!["package"] == "flask");
        Assert.Equal(("py/pipenv/Pipfile.lock", "CVE-2018-1000656"), (flask.File, flask.Properties!["advisory"]));
        Assert.Contains(section.Notes!, n => n.Contains("OSV API http://127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnreachableApiIsAFindingNotACrash()
    {
        var services = DepsFixtures.Services(("Advisories:OsvApiUrl", "http://127.0.0.1:9"), ("Advisories:ApiMaxAttempts", "1"), ("Advisories:ApiTimeoutSeconds", "2"));
        var (_, results, section) = await CommandHarness.RunAsync(Command, DepsFixtures.Repo, "{\"managers\":[\"cargo\"]}", services);
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Contains(section.Findings, f => f.RuleId == DepsRules.AdvisoriesUnavailable && f.File == "rust/Cargo.lock");
        Assert.Contains(section.Notes!, n => n.Contains("could not be checked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATransient503FromTheOsvApiIsRetriedAndTheAuditSucceeds()
    {
        await using var server = new FakeOsvServer(DepsFixtures.Osv);
        server.Faults["/v1/querybatch"] = new([503]);
        var services = DepsFixtures.Services(("Advisories:OsvApiUrl", server.BaseUrl.ToString()), ("Advisories:ApiRetryBaseDelayMs", "10"));
        var (_, results, section) = await CommandHarness.RunAsync(Command, DepsFixtures.Repo, "{\"managers\":[\"python\"]}", services);

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Contains(section.Findings, f => f.RuleId == DepsRules.Vulnerable && f.Properties!["package"] == "flask");
        Assert.DoesNotContain(section.Findings, f => f.RuleId == DepsRules.AdvisoriesUnavailable);
        Assert.True(server.Faults["/v1/querybatch"].IsEmpty);
        Assert.True(server.Log.Count(l => l == "POST /v1/querybatch") >= 2);
    }

    [Fact]
    public async Task AnOsvApiThatKeepsFailingIsAFindingNamingTheStatusNotACrash()
    {
        await using var server = new FakeOsvServer(DepsFixtures.Osv);
        server.Faults["/v1/querybatch"] = new(Enumerable.Repeat(503, 100));
        var services = DepsFixtures.Services(("Advisories:OsvApiUrl", server.BaseUrl.ToString()), ("Advisories:ApiMaxAttempts", "2"), ("Advisories:ApiRetryBaseDelayMs", "10"));
        var (_, results, section) = await CommandHarness.RunAsync(Command, DepsFixtures.Repo, "{\"managers\":[\"python\"]}", services);

        Assert.All(results, r => Assert.Null(r.Error));
        var unavailable = section.Findings.Where(f => f.RuleId == DepsRules.AdvisoriesUnavailable).ToArray();
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, f => Assert.Contains("did not answer after 2 attempt(s): HTTP 503", f.Message, StringComparison.Ordinal));
        Assert.Contains(section.Notes!, n => n.Contains("could not be checked", StringComparison.Ordinal));
    }
}
