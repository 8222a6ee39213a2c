using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ParallelAgents.Api.Tests;

/// <summary>What a reader of Swagger UI sees for each operation.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class OpenApiDocumentTests(ApiFactory factory)
{
    private static readonly string[] Verbs = ["get", "put", "post", "delete", "patch", "head", "options"];

    [Fact]
    public async Task Every_operation_says_what_it_does_and_describes_its_parameters_and_responses()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var problems = new List<string>();
        var operations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Verbs.Contains(o.Name)))
            {
                operations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var summary = Text(operation.Value, "summary");
                if (summary is null)
                {
                    problems.Add($"{name}: no summary");
                }
                else if (RouteShaped().IsMatch(summary))
                {
                    problems.Add($"{name}: the summary '{summary}' only repeats the route");
                }

                if (Text(operation.Value, "description") is null)
                {
                    problems.Add($"{name}: no description");
                }

                if (operation.Value.TryGetProperty("parameters", out var parameters))
                {
                    foreach (var parameter in parameters.EnumerateArray())
                    {
                        if (Text(parameter, "description") is null)
                        {
                            problems.Add($"{name}: parameter '{parameter.GetProperty("name").GetString()}' has no description");
                        }
                    }
                }

                if (operation.Value.TryGetProperty("requestBody", out var body) && Text(body, "description") is null)
                {
                    problems.Add($"{name}: the request body has no description");
                }

                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject())
                {
                    var description = Text(response.Value, "description");
                    if (description is null || description is "OK" or "Accepted" or "Bad Request" or "Not Found" or "Created" or "Conflict")
                    {
                        problems.Add($"{name}: response {response.Name} is not described ('{description}')");
                    }
                }
            }
        }

        Assert.True(operations >= 8, $"Only {operations} operations in the document.");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length > 0
            ? value.GetString()
            : null;

    // "POST /api/jobs.", "GET /api/jobs/{id}/report"
    [GeneratedRegex(@"^\s*(GET|PUT|POST|DELETE|PATCH|HEAD)\s+/\S*\.?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RouteShaped();
}
