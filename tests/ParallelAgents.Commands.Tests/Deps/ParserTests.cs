using ParallelAgents.Commands.Deps;
using ParallelAgents.Commands.Deps.Parsers;

namespace ParallelAgents.Commands.Tests.Deps;

public class ParserTests
{
    [Fact]
    public void PackageLockV3ReadsPackagesWithDirectDevAndLicense()
    {
        var deps = DepsFixtures.Parse(new NpmLockParser(), "web/package-lock.json").Dependencies;
        var lodash = Single(deps, "lodash");
        Assert.Equal(("4.17.20", true, true, false, "MIT", 18), (lodash.Version, lodash.Resolved, lodash.Direct, lodash.Dev, lodash.License, lodash.Line));
        Assert.False(Single(deps, "qs").Direct);
        Assert.True(Single(deps, "jest").Dev);
        Assert.Equal("GPL-3.0-only", Single(deps, "gpl-thing").License);
    }

    [Fact]
    public void PackageLockV2ReadsPackagesAndV1ReadsNestedDependencies()
    {
        const string v2 = """
            {
              "lockfileVersion": 2,
              "packages": {
                "": { "dependencies": { "a": "^1.0.0" } },
                "node_modules/a": { "version": "1.0.1" },
                "node_modules/a/node_modules/b": { "version": "2.0.0" },
                "packages/local": { "version": "0.0.1" },
                "node_modules/local": { "link": true, "resolved": "packages/local" }
              },
              "dependencies": { "a": { "version": "1.0.1" } }
            }
            """;
        var deps2 = DepsFixtures.ParseText(new NpmLockParser(), "package-lock.json", v2).Dependencies;
        Assert.Equal(["a@1.0.1", "b@2.0.0"], deps2.Select(d => $"{d.Name}@{d.Version}"));
        Assert.Equal([true, false], deps2.Select(d => d.Direct));
        Assert.Equal(6, deps2[1].Line);

        var deps1 = DepsFixtures.Parse(new NpmLockParser(), "legacy/package-lock.json").Dependencies;
        Assert.Equal(["minimist@1.2.0", "mkdirp@0.5.1", "minimist@0.0.8"], deps1.Select(d => $"{d.Name}@{d.Version}"));
        Assert.Null(deps1[0].Direct);
        Assert.False(deps1[2].Direct);
        Assert.Equal(17, deps1[2].Line);
    }

    [Fact]
    public void PackageJsonReadsSectionsRangesAndLicense()
    {
        var parsed = DepsFixtures.Parse(new PackageJsonParser(), "web/package.json");
        Assert.Equal(["lodash ^4.17.0 False", "express 4.17.1 True", "jest ^29.0.0 False"], parsed.Dependencies.Select(d => $"{d.Name} {d.Version} {d.Resolved}"));
        Assert.True(Single(parsed.Dependencies, "jest").Dev);
        Assert.Equal(7, Single(parsed.Dependencies, "express").Line);
        Assert.Equal("MIT", Assert.Single(parsed.ProjectLicenses).Expression);
    }

    [Fact]
    public void YarnLockReadsClassicAndBerryFormats()
    {
        var classic = DepsFixtures.Parse(new YarnLockParser(), "web/yarn.lock").Dependencies;
        Assert.Equal(["@babel/code-frame@7.12.13:5", "lodash@4.17.20:11"], classic.Select(d => $"{d.Name}@{d.Version}:{d.Line}"));
        var berry = DepsFixtures.Parse(new YarnLockParser(), "berry/yarn.lock").Dependencies;
        Assert.Equal(["lodash@4.17.15:13"], berry.Select(d => $"{d.Name}@{d.Version}:{d.Line}"));
    }

    [Fact]
    public void PnpmLockReadsImportersAndPackages()
    {
        var deps = DepsFixtures.Parse(new PnpmLockParser(), "pnpm/pnpm-lock.yaml").Dependencies;
        Assert.Equal(["minimist@1.2.5", "typescript@5.4.5", "@types/node@20.1.0"], deps.Select(d => $"{d.Name}@{d.Version}"));
        Assert.Equal([true, true, false], deps.Select(d => d.Direct));
        Assert.True(Single(deps, "typescript").Dev);
        Assert.Equal(20, Single(deps, "minimist").Line);

        const string v6 = """
            lockfileVersion: '6.0'
            dependencies:
              react:
                specifier: ^18.0.0
                version: 18.2.0
            packages:
              /react@18.2.0:
                resolution: {integrity: sha512-x}
                dev: false
              /@scope/pkg@1.0.0(react@18.2.0):
                dev: true
            """;
        var d6 = DepsFixtures.ParseText(new PnpmLockParser(), "pnpm-lock.yaml", v6).Dependencies;
        Assert.Equal(["react@18.2.0 True False", "@scope/pkg@1.0.0 False True"], d6.Select(d => $"{d.Name}@{d.Version} {d.Direct} {d.Dev}"));

        const string v5 = "lockfileVersion: 5.4\npackages:\n  /left-pad/1.3.0:\n    dev: false\n  /@babel/core/7.0.0_react@18.0.0:\n    dev: true\n";
        var d5 = DepsFixtures.ParseText(new PnpmLockParser(), "pnpm-lock.yaml", v5).Dependencies;
        Assert.Equal(["left-pad@1.3.0", "@babel/core@7.0.0"], d5.Select(d => $"{d.Name}@{d.Version}"));
    }

    [Fact]
    public void RequirementsTxtHandlesCommentsExtrasMarkersHashesAndContinuations()
    {
        var deps = DepsFixtures.Parse(new RequirementsTxtParser(), "py/requirements.txt").Dependencies;
        Assert.Equal(["requests 2.19.1 True 3", "Django >=3.2,<4 False 4", "Jinja2 2.10 True 5", "urllib3 1.24.1 True 8"], deps.Select(d => $"{d.Name} {d.Version} {d.Resolved} {d.Line}"));
        Assert.All(deps, d => Assert.False(d.Dev));
        Assert.True(Assert.Single(DepsFixtures.Parse(new RequirementsTxtParser(), "py/requirements-dev.txt").Dependencies).Dev);

        var requirement = PythonRequirement.Parse("requests[security, socks]==2.19.1 ; python_version >= \"3.6\"")!;
        Assert.Equal(["security", "socks"], requirement.Extras);
        Assert.Equal("python_version >= \"3.6\"", requirement.Marker);
        Assert.Null(PythonRequirement.Parse("pkg==1.*")!.Pinned);
    }

    [Fact]
    public void PoetryUvAndPipfileLocksReadGroups()
    {
        var poetry = DepsFixtures.Parse(new PoetryLockParser(), "py/poetry/poetry.lock").Dependencies;
        Assert.Equal(["pyyaml 5.3.1 False 2", "black 22.1.0 True 10"], poetry.Select(d => $"{d.Name} {d.Version} {d.Dev} {d.Line}"));

        var uv = DepsFixtures.Parse(new UvLockParser(), "py/uv/uv.lock").Dependencies;
        Assert.Equal(["pillow 9.0.0 True False", "ruff 0.4.0 True True"], uv.Select(d => $"{d.Name} {d.Version} {d.Direct} {d.Dev}"));

        var pipfile = DepsFixtures.Parse(new PipfileLockParser(), "py/pipenv/Pipfile.lock").Dependencies;
        Assert.Equal(["flask 0.12.2 False", "pytest 7.0.0 True"], pipfile.Select(d => $"{d.Name} {d.Version} {d.Dev}"));
    }

    [Fact]
    public void PyprojectReadsPep621GroupsPoetryTablesAndLicense()
    {
        var uv = DepsFixtures.Parse(new PyprojectParser(), "py/uv/pyproject.toml");
        Assert.Equal(["pillow >=9 False False 6", "click 8.1.7 True False 10", "ruff 0.4.0 True True 13"], uv.Dependencies.Select(d => $"{d.Name} {d.Version} {d.Resolved} {d.Dev} {d.Line}"));
        Assert.Equal("MIT", Assert.Single(uv.ProjectLicenses).Expression);

        var poetry = DepsFixtures.Parse(new PyprojectParser(), "py/poetry/pyproject.toml");
        Assert.Equal(["pyyaml ^5.3 False", "black 22.1.0 True"], poetry.Dependencies.Select(d => $"{d.Name} {d.Version} {d.Dev}"));
        Assert.Equal("Apache-2.0", Assert.Single(poetry.ProjectLicenses).Expression);
    }

    [Fact]
    public void GoModReadsBlocksIndirectAndReplaceAndGoSumReadsModules()
    {
        var mod = DepsFixtures.Parse(new GoModParser(), "svc/go.mod").Dependencies;
        Assert.Equal(
            ["github.com/gin-gonic/gin v1.6.0 True 6", "golang.org/x/text v0.3.5 False 7", "github.com/new/thing v1.2.0 True 8", "github.com/docker/docker v20.10.0+incompatible True 11"],
            mod.Select(d => $"{d.Name} {d.Version} {d.Direct} {d.Line}"));
        var sum = DepsFixtures.Parse(new GoSumParser(), "svc/go.sum").Dependencies;
        Assert.Equal(["github.com/gin-gonic/gin", "golang.org/x/text", "golang.org/x/net"], sum.Select(d => d.Name));
        Assert.Equal(5, sum[2].Line);
    }

    [Fact]
    public void CargoLockAndCargoTomlReadPackagesAndRequirements()
    {
        var lockDeps = DepsFixtures.Parse(new CargoLockParser(), "rust/Cargo.lock").Dependencies;
        Assert.Equal(["smallvec 1.6.0 True", "time 0.1.43 True", "libc 0.2.80 False"], lockDeps.Select(d => $"{d.Name} {d.Version} {d.Direct}"));
        var manifest = DepsFixtures.Parse(new CargoTomlParser(), "rust/Cargo.toml");
        Assert.Equal(["smallvec 1.6 False False", "time 0.1.43 True False", "criterion 0.3 False True"], manifest.Dependencies.Select(d => $"{d.Name} {d.Version} {d.Resolved} {d.Dev}"));
        Assert.Equal("MIT OR Apache-2.0", Assert.Single(manifest.ProjectLicenses).Expression);
    }

    [Fact]
    public void PomResolvesPropertiesParentPropertiesAndManagedVersions()
    {
        var parsed = DepsFixtures.Parse(new MavenPomParser(), "java/core/pom.xml");
        var jackson = Single(parsed.Dependencies, "com.fasterxml.jackson.core:jackson-databind");
        Assert.Equal(("2.9.8", true, "java/core/pom.xml", 11), (jackson.Version, jackson.Resolved, jackson.File, jackson.Line));
        var log4j = Single(parsed.Dependencies, "org.apache.logging.log4j:log4j-core");
        Assert.Equal(("2.14.1", "java/pom.xml", 22), (log4j.Version, log4j.File, log4j.Line));
        Assert.True(Single(parsed.Dependencies, "junit:junit").Dev);
        Assert.False(Single(parsed.Dependencies, "org.example:ranged").Resolved);

        var parent = DepsFixtures.Parse(new MavenPomParser(), "java/pom.xml");
        Assert.Equal("Apache-2.0", Assert.Single(parent.ProjectLicenses).Expression);
        Assert.Equal("2.14.1", Single(parent.Dependencies, "org.apache.logging.log4j:log4j-core").Version);
    }

    [Fact]
    public void NuGetFormatsReadCentralVersionsOverridesLocksAndPackagesConfig()
    {
        var project = DepsFixtures.Parse(new MsBuildProjectParser(), "dotnet/App/App.csproj");
        var newtonsoft = Single(project.Dependencies, "Newtonsoft.Json");
        Assert.Equal(("12.0.1", "dotnet/Directory.Packages.props", 6), (newtonsoft.Version, newtonsoft.File, newtonsoft.Line));
        Assert.Equal("4.6.0", Single(project.Dependencies, "System.Text.Json").Version);
        Assert.True(Single(project.Dependencies, "StyleCop.Analyzers").Dev);
        Assert.Equal("MIT", Assert.Single(project.ProjectLicenses).Expression);

        var props = DepsFixtures.Parse(new DirectoryPackagesPropsParser(), "dotnet/Directory.Packages.props").Dependencies;
        Assert.Equal(["Newtonsoft.Json 12.0.1", "Serilog 2.10.0"], props.Select(d => $"{d.Name} {d.Version}"));

        var lockDeps = DepsFixtures.Parse(new NuGetLockParser(), "dotnet/App/packages.lock.json").Dependencies;
        Assert.Equal(["Newtonsoft.Json 12.0.1 True 5", "System.Text.Encodings.Web 4.5.0 False 11"], lockDeps.Select(d => $"{d.Name} {d.Version} {d.Direct} {d.Line}"));

        var config = DepsFixtures.Parse(new PackagesConfigParser(), "dotnet/Old/packages.config").Dependencies;
        Assert.Equal(["jQuery 1.8.2 False", "Microsoft.Net.Compilers 2.4.0 True"], config.Select(d => $"{d.Name} {d.Version} {d.Dev}"));
    }

    [Theory]
    [InlineData("package-lock.json", "{ \"lockfileVersion\": 3, \"packages\": { ")]
    [InlineData("yarn.lock", "lodash@^4:\n  resolved \"x\"\n")]
    [InlineData("pnpm-lock.yaml", "packages:\n  /a@1.0.0: [unclosed\n")]
    [InlineData("poetry.lock", "[[package]]\nname = \"x\nversion = 1")]
    [InlineData("go.mod", "module x\nrequire (\n  github.com/a/b\n")]
    [InlineData("go.sum", "github.com/a/b v1.0.0\n")]
    [InlineData("Cargo.lock", "[[package]\nname=")]
    [InlineData("pom.xml", "<project><dependencies><dependency></project>")]
    [InlineData("packages.lock.json", "[1,2,3]")]
    [InlineData("packages.config", "<packages><package id=\"x\" /></packages>")]
    public void CorruptFilesThrowAnErrorTheCommandTurnsIntoAFinding(string name, string text)
    {
        var parser = ManifestCatalog.Classify(name)!.Value.Parser;
        Assert.ThrowsAny<Exception>(() => parser.Parse(new ManifestSource(name, text)));
    }

    [Theory]
    [InlineData("a/b/package-lock.json", PackageManagers.Npm)]
    [InlineData("requirements-dev.txt", PackageManagers.Python)]
    [InlineData("x/requirements/base-requirements.txt", PackageManagers.Python)]
    [InlineData("src/App/App.csproj", PackageManagers.NuGet)]
    [InlineData("go.sum", PackageManagers.Go)]
    [InlineData("Cargo.lock", PackageManagers.Cargo)]
    [InlineData("pom.xml", PackageManagers.Maven)]
    public void CatalogClassifiesManifestsByName(string path, string manager) => Assert.Equal(manager, ManifestCatalog.Classify(path)?.Manager);

    private static Dependency Single(IEnumerable<Dependency> deps, string name) => Assert.Single(deps, d => d.Name == name);
}
