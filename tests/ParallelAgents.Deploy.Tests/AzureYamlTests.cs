using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ParallelAgents.Deploy.Tests;

/// <summary>azure.yaml is a valid Azure Developer CLI project that deploys the API as a container app.</summary>
public sealed class AzureYamlTests
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    [Fact]
    public void AzureYaml_IsValidAgainstTheAzdSchema()
    {
        var document = YamlJson.Parse(RepositoryRoot.ReadText("azure.yaml"));

        var errors = Validate(document);

        Assert.True(errors.Count == 0, "azure.yaml does not match the azd schema:\n" + string.Join("\n", errors));
    }

    [Fact]
    public void AzureYaml_DeploysTheApiProjectAsAContainerAppFromTheRootDockerfile()
    {
        var api = YamlJson.Parse(RepositoryRoot.ReadText("azure.yaml"))!["services"]!["api"]!;

        Assert.Equal("containerapp", (string?)api["host"]);
        var project = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, (string)api["project"]!));
        Assert.EndsWith(Path.Combine("src", "ParallelAgents.Api"), project, StringComparison.Ordinal);

        // docker.path and docker.context are relative to the project folder.
        var dockerfile = Path.GetFullPath(Path.Combine(project, (string)api["docker"]!["path"]!));
        var context = Path.GetFullPath(Path.Combine(project, (string)api["docker"]!["context"]!));
        Assert.Equal(RepositoryRoot.File("Dockerfile"), dockerfile);
        Assert.Equal(Path.GetFullPath(RepositoryRoot.Path).TrimEnd(Path.DirectorySeparatorChar), context.TrimEnd(Path.DirectorySeparatorChar));
        Assert.True(File.Exists(dockerfile));
    }

    [Fact]
    public void Schema_RejectsAServiceWithoutHost()
    {
        // Guards the check above: a document the schema forbids must produce errors.
        var document = YamlJson.Parse("""
            name: parallel-agents
            services:
              api:
                project: ./src/ParallelAgents.Api
            """);

        Assert.NotEmpty(Validate(document));
    }

    [Fact]
    public void Schema_RejectsAStringWhereABooleanBelongs()
    {
        var document = YamlJson.Parse("""
            name: parallel-agents
            services:
              api:
                project: ./src/ParallelAgents.Api
                host: containerapp
                docker:
                  remoteBuild: "yes"
            """);

        Assert.NotEmpty(Validate(document));
    }

    private static JsonSchema LoadSchema()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "azure.yaml.json"));

        // The schema points at the schemas of azd's AI extension hosts (azure.ai.*) by absolute URL.
        // They only apply to those hosts and cannot be fetched offline, so each is stood in for by
        // an empty (accept-all) schema; every other part of the schema is evaluated as published.
        var registry = new SchemaRegistry();
        var options = new BuildOptions { SchemaRegistry = registry };
        foreach (var external in ExternalReferences(text))
        {
            registry.Register(external, JsonSchema.FromText("{}", options, external));
        }

        return JsonSchema.FromText(text, options);
    }

    private static IEnumerable<Uri> ExternalReferences(string schemaText)
    {
        using var document = JsonDocument.Parse(schemaText);
        var found = new HashSet<Uri>();
        Collect(document.RootElement, found);
        return found;

        static void Collect(JsonElement element, HashSet<Uri> found)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref"
                        && property.Value.ValueKind == JsonValueKind.String
                        && Uri.TryCreate(property.Value.GetString(), UriKind.Absolute, out var uri)
                        && uri.Scheme == Uri.UriSchemeHttps)
                    {
                        found.Add(new Uri(uri.GetLeftPart(UriPartial.Path)));
                    }

                    Collect(property.Value, found);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, found);
                }
            }
        }
    }

    private static List<string> Validate(JsonNode? document)
    {
        using var json = JsonDocument.Parse(document?.ToJsonString() ?? "null");
        var result = Schema.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var errors = new List<string>();
        foreach (var detail in result.Details ?? [])
        {
            foreach (var (keyword, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                errors.Add($"{detail.InstanceLocation}: {keyword}: {message}");
            }
        }

        return errors.Count == 0 ? ["invalid (no detail)"] : errors;
    }
}
