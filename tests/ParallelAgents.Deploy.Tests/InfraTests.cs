using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ParallelAgents.Deploy.Tests;

/// <summary>infra/ builds offline with every linter rule as an error and describes the deployment the docs promise.</summary>
public sealed partial class InfraTests
{
    private static readonly Lazy<JsonNode> CompiledTemplate = new(() => Bicep.Compile(RepositoryRoot.File("infra", "main.bicep")));

    [Fact]
    public void MainBicep_BuildsWithNoDiagnostics()
    {
        var (exitCode, output) = Bicep.CheckInfra();

        Assert.True(exitCode == 0, "scripts/check-infra.sh failed:\n" + output);
    }

    [Fact]
    public void CheckInfra_FailsOnACompilerWarning()
    {
        // A property the resource type does not know is only a warning (BCP037) to the compiler.
        using var copy = new InfraCopy();
        copy.Edit("modules/registry.bicep", s => s.Replace("adminUserEnabled: false", "adminUserEnabled: false\n    noSuchProperty: true", StringComparison.Ordinal));

        var (exitCode, output) = Bicep.CheckInfra(copy.MainBicep);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("BCP037", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckInfra_FailsOnALinterFinding()
    {
        using var copy = new InfraCopy();
        copy.Edit("main.bicep", s => s + "\n@description('Never used.')\nparam unusedSetting string = ''\n");

        var (exitCode, output) = Bicep.CheckInfra(copy.MainBicep);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("no-unused-params", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Infra_UsesLocalModulesOnly()
    {
        var sources = Directory.GetFiles(RepositoryRoot.File("infra"), "*.bicep", SearchOption.AllDirectories);

        foreach (var source in sources)
        {
            var references = ModuleOrImportPath().Matches(File.ReadAllText(source)).Select(m => m.Groups[1].Value);
            Assert.All(references, r => Assert.DoesNotMatch("^(br|ts)[:/]", r));
        }
    }

    [Fact]
    public void Main_IsSubscriptionScopedWithEnvironmentTagsAndUpperSnakeOutputs()
    {
        var template = CompiledTemplate.Value;

        Assert.Contains("subscriptionDeploymentTemplate.json", (string)template["$schema"]!, StringComparison.Ordinal);
        var outputs = template["outputs"]!.AsObject().Select(o => o.Key).ToList();
        Assert.All(outputs, name => Assert.Matches("^[A-Z][A-Z0-9]*(_{1,2}[A-Z0-9]+)*$", name));
        Assert.Contains("AZURE_CONTAINER_REGISTRY_ENDPOINT", outputs);
        Assert.Contains("SERVICE_API_URI", outputs);
        Assert.Contains("azd-env-name", template["variables"]!["tags"]!.AsObject().Select(t => t.Key));

        var parameters = File.ReadAllText(RepositoryRoot.File("infra", "main.parameters.json"));
        foreach (var variable in new[] { "${AZURE_ENV_NAME}", "${AZURE_LOCATION}", "${AZURE_PRINCIPAL_ID}" })
        {
            Assert.Contains(variable, parameters, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Storage_AcceptsEntraIdOnlyOverTls12WithNoPublicBlobs()
    {
        var account = Resources("Microsoft.Storage/storageAccounts").Single(r => r["existing"] is null);
        var properties = account["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string)properties["minimumTlsVersion"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
    }

    [Fact]
    public void Identity_GetsTableBlobQueueDataContributorAndAcrPull()
    {
        var identityModule = Module("identity");
        var roles = identityModule["variables"]!["roles"]!.AsObject().ToDictionary(r => r.Key, r => (string)r.Value!);

        Assert.Equal("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", roles["storageTableDataContributor"]);
        Assert.Equal("ba92f5b4-2d11-453d-a403-e96b0029c9fe", roles["storageBlobDataContributor"]);
        Assert.Equal("974c5e8b-45b9-4653-ba55-5f855dd0fb88", roles["storageQueueDataContributor"]);
        Assert.Equal("7f951dda-4ed3-4680-a7ca-43fe172d538d", roles["acrPull"]);
        var storageRoles = identityModule["variables"]!["storageRoles"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Equal(3, storageRoles.Count);
    }

    [Fact]
    public void AnAzureOpenAiAccount_GivesTheIdentityTheOpenAiUserRoleOnItAndTheAppItsEndpoint()
    {
        var deployment = CompiledTemplate.Value["resources"]!["openAi"]!;
        Assert.Contains("azureOpenAiAccountName", (string)deployment["condition"]!, StringComparison.Ordinal);
        var module = Module("openAi");
        Assert.Equal("5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", (string)module["variables"]!["openAiUserRole"]!);
        var assignment = AllResources(module).Single(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments");
        Assert.Contains("openAiUserRole", (string)assignment["properties"]!["roleDefinitionId"]!, StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string)assignment["properties"]!["principalType"]!);

        var settings = RepositoryRoot.ReadText("infra", "modules", "app-settings.bicep");
        Assert.Matches(@"name: 'Models__Providers__azure__Kind'\s+value: 'AzureOpenAI'", settings);
        // The identity, not a key: no ApiKey is ever passed to the app.
        Assert.DoesNotContain("Models__Providers__azure__ApiKey", settings, StringComparison.Ordinal);
        var parameters = RepositoryRoot.ReadText("infra", "main.parameters.json");
        Assert.Contains("PARALLEL_AGENTS_AZURE_OPENAI_ACCOUNT", parameters, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerApp_ServesHttpOn8080AndOpensTheSiloPortsInsideTheEnvironmentOnly()
    {
        // One module template, used for the API app and for the silo app.
        var app = AllResources(Module("api")).Single(r => (string?)r["type"] == "Microsoft.App/containerApps");
        var text = app.ToJsonString();
        var ingress = app["properties"]!["configuration"]!["ingress"]!;

        Assert.Equal("http", (string)ingress["transport"]!);
        Assert.Contains("settings').httpPort", (string)ingress["targetPort"]!, StringComparison.Ordinal);
        Assert.Equal(8080, (int)CompiledTemplate.Value["variables"]!["ports"]!["http"]!);
        Assert.Equal(11111, (int)CompiledTemplate.Value["variables"]!["ports"]!["silo"]!);
        Assert.Equal(30000, (int)CompiledTemplate.Value["variables"]!["ports"]!["gateway"]!);

        var mappings = Module("api")["variables"]!["orleansPortMappings"]!.GetValue<string>();
        Assert.Contains("externalIngress", (string)ingress["external"]!, StringComparison.Ordinal);
        Assert.Contains("'external', false()", mappings, StringComparison.Ordinal);
        Assert.DoesNotContain("'external', true()", mappings, StringComparison.Ordinal);
        Assert.Contains("/health/live", Module("api")["variables"]!["probePaths"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("/health/ready", Module("api")["variables"]!["probePaths"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"Readiness\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Liveness\"", text, StringComparison.Ordinal);
        Assert.Contains("minReplicas", text, StringComparison.Ordinal);
        Assert.Contains("http-requests", Module("api")["variables"]!["loadRules"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private static JsonNode Module(string name)
    {
        // Symbolic-name templates key resources by their Bicep symbol.
        var deployment = CompiledTemplate.Value["resources"]![name];
        Assert.Equal("Microsoft.Resources/deployments", (string?)deployment?["type"]);
        return deployment!["properties"]!["template"]!;
    }

    private static IEnumerable<JsonNode> Resources(string type) => AllResources(CompiledTemplate.Value).Where(r => (string?)r["type"] == type);

    private static IEnumerable<JsonNode> AllResources(JsonNode template)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(r => r!),
            JsonObject map => map.Select(r => r.Value!),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return resource;
            if (resource["properties"]?["template"] is JsonNode nested)
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"(?:module\s+\w+|import\s*\{[^}]*\}\s*from|import\s+\*\s+as\s+\w+\s+from)\s+'([^']+)'")]
    private static partial Regex ModuleOrImportPath();

    /// <summary>A throwaway copy of infra/ to try a broken edit on.</summary>
    private sealed class InfraCopy : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("infra-check-").FullName;

        public InfraCopy()
        {
            var source = RepositoryRoot.File("infra");
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(_root, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public string MainBicep => Path.Combine(_root, "main.bicep");

        public void Edit(string relativePath, Func<string, string> change)
        {
            var path = Path.Combine(_root, relativePath);
            var before = File.ReadAllText(path);
            var after = change(before);
            Assert.NotEqual(before, after);
            File.WriteAllText(path, after);
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
