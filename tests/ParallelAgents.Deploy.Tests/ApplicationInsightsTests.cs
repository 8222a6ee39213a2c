using System.Text.Json.Nodes;

namespace ParallelAgents.Deploy.Tests;

/// <summary>
/// Application Insights: by default a workspace-based component on the deployment's Log Analytics workspace,
/// whose connection string reaches the app as a Container Apps secret and nowhere else; with the switch off,
/// neither the component nor the setting exists.
/// </summary>
public sealed class ApplicationInsightsTests
{
    private const string ConnectionStringVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    private const string Switch = "enableApplicationInsights";

    private static readonly Lazy<JsonNode> Default = new(() => Bicep.Snapshot());
    private static readonly Lazy<JsonNode> Off = new(() => Bicep.Snapshot(new Dictionary<string, string> { [Switch] = "false" }));
    private static readonly Lazy<JsonNode> Compiled = new(() => Bicep.Compile(RepositoryRoot.File("infra", "main.bicep")));

    [Fact]
    public void ByDefault_AWorkspaceBasedWebComponentKeepsItsDataInTheLogAnalyticsWorkspace()
    {
        var workspace = Resources(Default.Value, "Microsoft.OperationalInsights/workspaces").Single();
        var component = Resources(Default.Value, "Microsoft.Insights/components").Single();
        var properties = component["properties"]!;

        // The naming scheme of the other resources: an abbreviation and the deployment's token.
        var token = ((string)workspace["name"]!)["log-".Length..];
        Assert.Equal($"appi-{token}", (string)component["name"]!);
        Assert.Equal("web", (string)component["kind"]!);
        Assert.Equal("web", (string)properties["Application_Type"]!);
        Assert.Equal((string)workspace["id"]!, (string)properties["WorkspaceResourceId"]!, ignoreCase: true);
        Assert.Equal("LogAnalytics", (string)properties["IngestionMode"]!);
        Assert.Equal(Bicep.SnapshotLocation, (string)component["location"]!);
        Assert.True(JsonNode.DeepEquals(workspace["tags"], component["tags"]), $"tags {component["tags"]} differ from {workspace["tags"]}");
    }

    [Fact]
    public void ByDefault_EachAppGetsTheConnectionStringThroughASecret()
    {
        var component = Resources(Default.Value, "Microsoft.Insights/components").Single();
        var apps = Resources(Default.Value, "Microsoft.App/containerApps").ToList();
        Assert.Equal(2, apps.Count);
        Assert.All(apps, app => AssertConnectionStringThroughSecret(app, component));
    }

    private static void AssertConnectionStringThroughSecret(JsonNode app, JsonNode component)
    {
        var env = Env(app);

        var variable = env.Single(v => (string?)v["name"] == ConnectionStringVariable);
        Assert.Null(variable["value"]);
        var secretName = (string)variable["secretRef"]!;
        var secret = Secrets(app).Single(s => (string?)s["name"] == secretName);
        var value = (string)secret["value"]!;
        // Read from the component at deployment time: a reference to it, not a value passed in.
        Assert.StartsWith("[reference(", value, StringComparison.Ordinal);
        Assert.Contains((string)component["id"]!, value, StringComparison.Ordinal);
        Assert.EndsWith(".ConnectionString]", value, StringComparison.Ordinal);
        // Only the secret holds it: no plain environment value does.
        Assert.DoesNotContain(env, v => ((string?)v["value"])?.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public void NoOutput_CarriesTheConnectionString_TheComponentNameIsOutput()
    {
        var outputs = Compiled.Value["outputs"]!.AsObject();

        Assert.Contains("AZURE_APPLICATION_INSIGHTS_NAME", outputs.Select(o => o.Key));
        Assert.DoesNotContain(outputs, o => o.Key.Contains("CONNECTION_STRING", StringComparison.Ordinal));
        // Module outputs are kept in the deployment history too, so no module may output it either.
        var allOutputs = Templates(Compiled.Value).SelectMany(t => t["outputs"]?.AsObject() ?? []);
        Assert.DoesNotContain(allOutputs, o => o.Value!.ToJsonString().Contains("ConnectionString", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TurnedOff_NeitherTheComponentNorTheSettingExists()
    {
        Assert.Empty(Resources(Off.Value, "Microsoft.Insights/components"));
        foreach (var app in Resources(Off.Value, "Microsoft.App/containerApps"))
        {
            Assert.DoesNotContain(Env(app), v => (string?)v["name"] == ConnectionStringVariable);
            // The scaling key is the one secret left.
            Assert.DoesNotContain(Secrets(app), s => ((string?)s["value"])?.Contains("ConnectionString", StringComparison.Ordinal) == true);
            Assert.DoesNotContain(Secrets(app), s => (string?)s["name"] == "applicationinsights-connection-string");
        }

        Assert.Equal(string.Empty, (string)Off.Value["outputs"]!["AZURE_APPLICATION_INSIGHTS_NAME"]!);
    }

    [Fact]
    public void TheSwitch_IsOnByDefaultAndSetByTheAzdVariable()
    {
        var parameter = Compiled.Value["parameters"]![Switch]!;
        Assert.Equal("bool", (string)parameter["type"]!);
        Assert.True((bool)parameter["defaultValue"]!);

        var parameters = JsonNode.Parse(RepositoryRoot.ReadText("infra", "main.parameters.json"))!;
        Assert.Equal("${PARALLEL_AGENTS_APPLICATION_INSIGHTS=true}", (string)parameters["parameters"]![Switch]!["value"]!);
    }

    private static IEnumerable<JsonNode> Resources(JsonNode snapshot, string type) =>
        snapshot["predictedResources"]!.AsArray().Select(r => r!).Where(r => (string?)r["type"] == type);

    private static List<JsonNode> Env(JsonNode app)
    {
        var containers = app["properties"]!["template"]!["containers"]!.AsArray();
        // An array, not an expression: the snapshot could work out every variable before deployment.
        return containers.Single()!["env"]!.AsArray().Select(v => v!).ToList();
    }

    private static List<JsonNode> Secrets(JsonNode app) =>
        app["properties"]!["configuration"]!["secrets"]?.AsArray().Select(s => s!).ToList() ?? [];

    private static IEnumerable<JsonNode> Templates(JsonNode template)
    {
        yield return template;
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(r => r!),
            JsonObject map => map.Select(r => r.Value!),
            _ => [],
        };
        foreach (var nested in resources.Select(r => r["properties"]?["template"]).OfType<JsonNode>())
        {
            foreach (var inner in Templates(nested))
            {
                yield return inner;
            }
        }
    }
}
