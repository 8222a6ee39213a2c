using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ParallelAgents.Engine.Hosting;
using ParallelAgents.Engine.Scheduling;
using static ParallelAgents.Deploy.Tests.TopologyTests;

namespace ParallelAgents.Deploy.Tests;

/// <summary>
/// The silos scale on the queued work as well as on CPU: a KEDA <c>metrics-api</c> rule reads <c>queuedItems</c> from
/// the front end's <c>GET /api/scaling</c> with a key generated at deployment, which reaches the front end as
/// <c>Scaling__ApiKey</c> and the rule as a secret reference, never as a plain value.
/// </summary>
public sealed partial class QueueScalingTests
{
    private const string SecretName = "scaling-api-key";
    private const string QueueRule = "queued-items";

    private static readonly Lazy<JsonNode> Split = new(() => Bicep.Snapshot());
    private static readonly Lazy<JsonNode> Combined = new(() => Bicep.Snapshot(new Dictionary<string, string>
    {
        ["topology"] = "'combined'",
        ["queuedItemsPerSilo"] = "7",
    }));

    private static readonly Lazy<JsonNode> Compiled = new(() => Bicep.Compile(RepositoryRoot.File("infra", "main.bicep")));

    [Fact]
    public void TheSiloApp_HasAMetricsApiRuleOnTheFrontEndsScalingEndpointBesideItsCpuRule()
    {
        var silo = App(Split.Value, "silo");
        var rules = ScaleRules(silo);

        Assert.Contains(rules, r => (string?)r["custom"]?["type"] == "cpu");
        var custom = rules.Single(r => (string?)r["name"] == QueueRule)["custom"]!;
        Assert.Equal("metrics-api", (string)custom["type"]!);
        var metadata = custom["metadata"]!;
        // The front end's address is an output of its app, so the snapshot keeps it an expression.
        var url = (string)metadata["url"]!;
        Assert.Contains("format('api-", url, StringComparison.Ordinal);
        Assert.Contains(".outputs.uri.value", url, StringComparison.Ordinal);
        Assert.EndsWith($"'{ScalingRoute()}')]", url, StringComparison.Ordinal);
        Assert.Equal("json", (string)metadata["format"]!);
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(nameof(ScalingSignal.QueuedItems)), (string)metadata["valueLocation"]!);
        Assert.Equal("20", (string)metadata["targetValue"]!);
    }

    [Fact]
    public void TheRule_SendsTheKeyInTheApiKeyHeaderFromASecretOfTheSiloApp()
    {
        var silo = App(Split.Value, "silo");
        var custom = ScaleRules(silo).Single(r => (string?)r["name"] == QueueRule)["custom"]!;
        var metadata = custom["metadata"]!;

        Assert.Equal("apiKey", (string)metadata["authMode"]!);
        Assert.Equal("header", (string)metadata["method"]!);
        Assert.Equal("X-Api-Key", (string)metadata["keyParamName"]!);
        Assert.Null(metadata["apiKey"]);
        var auth = Assert.Single(custom["auth"]!.AsArray())!;
        Assert.Equal("apiKey", (string)auth["triggerParameter"]!);
        Assert.Equal(SecretName, (string)auth["secretRef"]!);
        Assert.Contains(Secrets(silo), s => (string?)s["name"] == SecretName);
        // A silo alone serves no API, so it is not given the key to check.
        Assert.DoesNotContain(Env(silo), v => (string?)v["name"] == "Scaling__ApiKey");
    }

    [Fact]
    public void TheFrontEnd_ReadsTheSameSecretAsTheConfigurationKeyTheServiceReads_AndHasNoQueueRule()
    {
        var front = App(Split.Value, "api");
        var silo = App(Split.Value, "silo");

        var variable = Env(front).Single(v => (string?)v["name"] == "Scaling__ApiKey");
        Assert.Equal(ConfigurationKeys.ScalingApiKey, ConfigurationKeyNames.KnownKeyFor("Scaling__ApiKey"));
        Assert.Null(variable["value"]);
        Assert.Equal(SecretName, (string)variable["secretRef"]!);
        var frontSecret = Secrets(front).Single(s => (string?)s["name"] == SecretName);
        var siloSecret = Secrets(silo).Single(s => (string?)s["name"] == SecretName);
        Assert.Equal("[parameters('scalingApiKey')]", (string)frontSecret["value"]!);
        Assert.Equal((string)frontSecret["value"]!, (string)siloSecret["value"]!);
        Assert.DoesNotContain(ScaleRules(front), r => (string?)r["name"] == QueueRule);

        // Both modules get the deployment's one key.
        foreach (var module in new[] { "api", "silo" })
        {
            var passed = Compiled.Value["resources"]![module]!["properties"]!["parameters"]!["scalingApiKey"]!["value"]!;
            Assert.Equal("[parameters('scalingApiKey')]", (string)passed!);
        }
    }

    [Fact]
    public void TheKey_IsASecureParameterAzdGeneratesOnce_AndNoOutputCarriesIt()
    {
        var parameter = Compiled.Value["parameters"]!["scalingApiKey"]!;

        Assert.Equal("securestring", ((string)parameter["type"]!).ToLowerInvariant());
        Assert.Null(parameter["defaultValue"]);
        Assert.Equal("generate", (string)parameter["metadata"]!["azd"]!["type"]!);
        Assert.True((int)parameter["metadata"]!["azd"]!["config"]!["length"]! >= 16);
        // A value in main.parameters.json would take the place of the one azd generates and keeps.
        Assert.DoesNotContain("scalingApiKey", RepositoryRoot.ReadText("infra", "main.parameters.json"), StringComparison.Ordinal);
        Assert.DoesNotContain("scalingApiKey", Compiled.Value["outputs"]!.ToJsonString(), StringComparison.Ordinal);

        var perSilo = Compiled.Value["parameters"]!["queuedItemsPerSilo"]!;
        Assert.Equal(20, (int)perSilo["defaultValue"]!);
        Assert.Equal(1, (int)perSilo["minValue"]!);
        Assert.Contains("queued", (string)perSilo["metadata"]!["description"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Combined_TheOneAppFollowsItsOwnQueueAtTheAddressContainerAppsGivesIt()
    {
        var app = Resources(Combined.Value, "Microsoft.App/containerApps").Single();
        var rules = ScaleRules(app);

        Assert.Contains(rules, r => r["http"] is not null);
        var metadata = rules.Single(r => (string?)r["name"] == QueueRule)["custom"]!["metadata"]!;
        var url = (string)metadata["url"]!;
        // https://<app>.<environment's default domain>/api/scaling: the app cannot reference its own address.
        Assert.StartsWith($"[format('https://{{0}}.{{1}}{{2}}', '{(string)app["name"]!}', ", url, StringComparison.Ordinal);
        Assert.Contains(".outputs.defaultDomain.value", url, StringComparison.Ordinal);
        Assert.EndsWith($"'{ScalingRoute()}')]", url, StringComparison.Ordinal);
        Assert.Equal("7", (string)metadata["targetValue"]!);
        Assert.Equal(SecretName, (string)Env(app).Single(v => (string?)v["name"] == "Scaling__ApiKey")["secretRef"]!);
    }

    // The route the service maps, so the rule polls the endpoint that exists.
    private static string ScalingRoute()
    {
        var source = RepositoryRoot.ReadText("src", "ParallelAgents.Api", "Endpoints", "ScalingApi.cs");
        var route = MapGroupRoute().Match(source);
        Assert.True(route.Success, "ScalingApi maps no group");
        return route.Groups[1].Value;
    }

    private static List<JsonNode> Env(JsonNode app) =>
        app["properties"]!["template"]!["containers"]![0]!["env"]!.AsArray().Select(v => v!).ToList();

    private static List<JsonNode> Secrets(JsonNode app) =>
        app["properties"]!["configuration"]!["secrets"]?.AsArray().Select(s => s!).ToList() ?? [];

    [GeneratedRegex("""MapGroup\("([^"]+)"\)""")]
    private static partial Regex MapGroupRoute();
}
