using System.Text.Json.Nodes;

namespace ParallelAgents.Deploy.Tests;

/// <summary>
/// The deployment's two topologies as `bicep snapshot` predicts them. By default (split) a public front end in the
/// Client role that scales on HTTP concurrency and an internal silo app in the Silo role that scales on CPU with at
/// least two replicas, both on one environment with one identity and one storage account; with
/// <c>topology='combined'</c> the single app whose replicas each serve and host a silo.
/// </summary>
public sealed class TopologyTests
{
    private static readonly Lazy<JsonNode> Split = new(() => Bicep.Snapshot());
    private static readonly Lazy<JsonNode> Combined = new(() => Bicep.Snapshot(new Dictionary<string, string> { ["topology"] = "'combined'" }));

    [Fact]
    public void ByDefault_APublicFrontEndInTheClientRoleScalesOnHttpConcurrency()
    {
        var front = App(Split.Value, "api");

        Assert.Equal("Client", Setting(front, "Orleans__Role"));
        var ingress = front["properties"]!["configuration"]!["ingress"]!;
        Assert.True((bool)ingress["external"]!);
        Assert.Empty(ingress["additionalPortMappings"]!.AsArray());
        var rule = ScaleRules(front).Single();
        Assert.Equal("50", (string)rule["http"]!["metadata"]!["concurrentRequests"]!);
    }

    [Fact]
    public void ByDefault_InternalSilosScaleOnCpuFromTwoReplicasAndOpenTheirPortsInsideTheEnvironment()
    {
        var silo = App(Split.Value, "silo");

        Assert.Equal("Silo", Setting(silo, "Orleans__Role"));
        var ingress = silo["properties"]!["configuration"]!["ingress"]!;
        Assert.False((bool)ingress["external"]!);
        var ports = ingress["additionalPortMappings"]!.AsArray().Select(m => ((int)m!["exposedPort"]!, (bool)m["external"]!)).ToList();
        Assert.Equal(new[] { (11111, false), (30000, false) }, ports);
        var scale = silo["properties"]!["template"]!["scale"]!;
        Assert.True((int)scale["minReplicas"]! >= 2);
        // The CPU rule stays beside the queue rule (QueueScalingTests): Container Apps follows whichever asks for more.
        var rule = ScaleRules(silo).Single(r => (string?)r["name"] == "cpu-utilization");
        Assert.Equal("cpu", (string)rule["custom"]!["type"]!);
        Assert.Equal("Utilization", (string)rule["custom"]!["metadata"]!["type"]!);
        Assert.Equal("70", (string)rule["custom"]!["metadata"]!["value"]!);
        // Before the first deploy the placeholder image answers "/"; the probes themselves are there.
        Assert.Contains("\"Readiness\"", silo["properties"]!["template"]!["containers"]![0]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ByDefault_BothAppsShareTheEnvironmentIdentityStorageAndCluster()
    {
        var front = App(Split.Value, "api");
        var silo = App(Split.Value, "silo");

        Assert.Equal((string)front["properties"]!["environmentId"]!, (string)silo["properties"]!["environmentId"]!);
        Assert.True(JsonNode.DeepEquals(front["identity"], silo["identity"]), $"{front["identity"]} vs {silo["identity"]}");
        foreach (var name in new[] { "Storage__TableServiceUri", "Storage__BlobServiceUri", "Storage__QueueServiceUri", "AZURE_CLIENT_ID", "Orleans__ClusterId", "Orleans__ServiceId", "Orleans__GatewayPort" })
        {
            Assert.Equal(Setting(front, name), Setting(silo, name));
        }

        Assert.Single(Resources(Split.Value, "Microsoft.App/managedEnvironments"));
        Assert.Single(Resources(Split.Value, "Microsoft.ManagedIdentity/userAssignedIdentities"));
        Assert.Single(Resources(Split.Value, "Microsoft.Storage/storageAccounts"));
    }

    [Fact]
    public void Combined_IsTheSingleAppThatServesAndHostsASilo()
    {
        var app = Resources(Combined.Value, "Microsoft.App/containerApps").Single();

        Assert.Equal("api", (string)app["tags"]!["azd-service-name"]!);
        Assert.Equal("Combined", Setting(app, "Orleans__Role"));
        var ingress = app["properties"]!["configuration"]!["ingress"]!;
        Assert.True((bool)ingress["external"]!);
        Assert.Equal(2, ingress["additionalPortMappings"]!.AsArray().Count);
        Assert.NotNull(ScaleRules(app).Single(r => (string?)r["name"] == "http-requests")["http"]);

        // azd deploys its silo service to the one app then: with no silo app the output falls back to the API app's
        // name (a module output, so the snapshot keeps it an expression).
        Assert.StartsWith("[coalesce(null(), reference(", Output(Combined.Value, "SERVICE_SILO_RESOURCE_NAME"), StringComparison.Ordinal);
        Assert.DoesNotContain("null()", Output(Split.Value, "SERVICE_SILO_RESOURCE_NAME"), StringComparison.Ordinal);
    }

    [Fact]
    public void AzureYaml_DeploysTheImageToTheFrontEndAndToTheSilosFoundByTheDeploymentsOutput()
    {
        var services = YamlJson.Parse(RepositoryRoot.ReadText("azure.yaml"))!["services"]!;
        var api = services["api"]!;
        var silo = services["silo"]!;

        Assert.Equal((string?)api["project"], (string?)silo["project"]);
        Assert.Equal((string?)api["docker"]!["path"], (string?)silo["docker"]!["path"]);
        Assert.Equal("containerapp", (string?)silo["host"]);
        Assert.Equal("${SERVICE_SILO_RESOURCE_NAME}", (string?)silo["resourceName"]);
        var parameters = RepositoryRoot.ReadText("infra", "main.parameters.json");
        Assert.Contains("${SERVICE_SILO_IMAGE_NAME=}", parameters, StringComparison.Ordinal);
        Assert.Contains("${PARALLEL_AGENTS_TOPOLOGY=split}", parameters, StringComparison.Ordinal);
    }

    private static string? Output(JsonNode snapshot, string name) => snapshot["outputs"]![name] switch
    {
        JsonObject o => (string?)o["value"],
        JsonNode n => (string?)n,
        null => null,
    };

    internal static JsonNode App(JsonNode snapshot, string service) =>
        Resources(snapshot, "Microsoft.App/containerApps").Single(a => (string?)a["tags"]?["azd-service-name"] == service);

    private static string? Setting(JsonNode app, string name) =>
        (string?)app["properties"]!["template"]!["containers"]![0]!["env"]!.AsArray().SingleOrDefault(v => (string?)v!["name"] == name)?["value"];

    internal static List<JsonNode> ScaleRules(JsonNode app) =>
        app["properties"]!["template"]!["scale"]!["rules"]!.AsArray().Select(r => r!).ToList();

    internal static IEnumerable<JsonNode> Resources(JsonNode snapshot, string type) =>
        snapshot["predictedResources"]!.AsArray().Select(r => r!).Where(r => (string?)r["type"] == type);
}
