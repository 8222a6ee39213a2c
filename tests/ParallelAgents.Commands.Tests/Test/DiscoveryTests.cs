using System.Text.Json;
using ParallelAgents.Commands.Test;
using ParallelAgents.Commands.Test.Discovery;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Tests.Test;

public sealed class DiscoveryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pa-testcmd-disc-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, true);

    [Fact]
    public void DotNet_Go_and_Rust_suites_are_found_typed_by_traits_and_tags_and_planned_as_runner_filters()
    {
        Write("Shop.Tests/Shop.Tests.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Microsoft.NET.Test.Sdk" /></ItemGroup></Project>""");
        Write("Shop.Tests/CartTests.cs", """
            namespace Shop.Tests;

            public class CartTests
            {
                [Fact]
                public void Adds() { }

                [Fact]
                [Trait("Category", "Integration")]
                public void Saves() { }
            }
            """);
        Write("go/go.mod", "module example.com/shop\n");
        Write("go/cart/cart_test.go", "package cart\n\nimport \"testing\"\n\nfunc TestAdd(t *testing.T) {}\n");
        Write("go/cart/db_test.go", "//go:build integration\n\npackage cart\n\nimport \"testing\"\n\nfunc TestSave(t *testing.T) {}\n");
        Write("rs/Cargo.toml", "[package]\nname = \"shop\"\n");
        Write("rs/src/lib.rs", "#[cfg(test)]\nmod tests {\n    #[test]\n    fn adds() {}\n}\n");
        Write("rs/tests/api.rs", "#[test]\nfn serves() {}\n");

        var suites = SuiteDiscovery.Discover(new Workspace(_root), []);
        var dotnet = suites.Single(s => s.Ecosystem == Ecosystem.DotNet);
        Assert.Equal("Shop.Tests/Shop.Tests.csproj", dotnet.Project);
        Assert.Equal([("Shop.Tests.CartTests.Adds", "unit"), ("Shop.Tests.CartTests.Saves", "integration")], dotnet.Tests.Select(t => (t.Selector, t.Type)).ToArray());
        var go = suites.Single(s => s.Ecosystem == Ecosystem.Go);
        Assert.Equal([("./cart|TestAdd", "unit", (string?)null), ("./cart|TestSave", "integration", "integration")], go.Tests.Select(t => (t.Selector, t.Type, t.Tag)).OrderBy(t => t.Selector).ToArray());
        var rust = suites.Single(s => s.Ecosystem == Ecosystem.Rust);
        Assert.Equal([("--lib", "unit"), ("--test api", "integration")], rust.Tests.Select(t => (t.Selector, t.Type)).ToArray());

        var items = WorkPlanner.Plan(suites, 200, 60, long.MaxValue, false);
        var saves = items.Select(i => JsonSerializer.Deserialize<TestRunPayload>(i.Payload!, WorkPlanner.Json)!).Single(p => p.Runner == "dotnet" && p.Type == "integration");
        var argv = RunnerCommands.Build(saves, "/run", "/out", "/home", null).Arguments;
        Assert.Equal("FullyQualifiedName=Shop.Tests.CartTests.Saves", argv[argv.ToList().IndexOf("--filter") + 1]);
        var goIntegration = items.Select(i => JsonSerializer.Deserialize<TestRunPayload>(i.Payload!, WorkPlanner.Json)!).Single(p => p.Runner == "go" && p.Type == "integration");
        var goArgv = RunnerCommands.Build(goIntegration, "/run", "/out", "/home", null).Arguments;
        Assert.Contains("-tags=integration", goArgv);
        Assert.Contains("^(?:TestSave)$", goArgv);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
