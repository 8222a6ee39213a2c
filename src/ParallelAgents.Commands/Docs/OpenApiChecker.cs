using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.Docs;

/// <summary>Reads an OpenAPI/Swagger document with Microsoft.OpenApi (JSON and YAML) and validates it with the default rule set.</summary>
public static class OpenApiChecker
{
    /// <summary>Findings for one document; a document that does not parse is a finding, never an exception.</summary>
    public static IReadOnlyList<Finding> Check(string path, string text)
    {
        var findings = new List<Finding>();
        var format = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "yaml";
        var settings = new OpenApiReaderSettings { LoadExternalRefs = false };
        settings.TryAddReader("yaml", new OpenApiYamlReader());
        settings.TryAddReader("yml", new OpenApiYamlReader());
        ReadResult result;
        try
        {
            result = OpenApiDocument.Parse(text, format, settings);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            findings.Add(new(DocsRules.OpenApiUnreadable, Severity.High, $"OpenAPI document does not parse: {e.Message}", path, 1));
            return findings;
        }

        var errors = result.Diagnostic?.Errors ?? [];
        if (result.Document is null)
        {
            var reason = errors.Count > 0 ? string.Join("; ", errors.Take(3).Select(Describe)) : "no document was read";
            findings.Add(new(DocsRules.OpenApiUnreadable, Severity.High, $"OpenAPI document does not parse: {reason}. Fix the syntax.", path, 1));
            return findings;
        }

        foreach (var error in errors.Take(50))
        {
            findings.Add(new(DocsRules.OpenApiInvalid, Severity.Medium, $"OpenAPI: {Describe(error)}", path, 1, Properties: Pointer(error)));
        }

        IEnumerable<OpenApiError> validation;
        try
        {
            validation = result.Document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? [];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            findings.Add(new(DocsRules.OpenApiInvalid, Severity.Medium, $"OpenAPI validation could not complete: {e.Message}", path, 1));
            return findings;
        }

        var reported = new HashSet<string>(errors.Select(Describe), StringComparer.Ordinal);
        foreach (var error in validation.Where(e => reported.Add(Describe(e))).Take(50))
        {
            findings.Add(new(DocsRules.OpenApiInvalid, Severity.Medium, $"OpenAPI: {Describe(error)}", path, 1, Properties: Pointer(error)));
        }

        return findings;
    }

    /// <summary>True when the start of a JSON/YAML text declares an OpenAPI or Swagger version.</summary>
    public static bool LooksLikeOpenApi(string head) =>
        head.Contains("\"openapi\"", StringComparison.Ordinal) || head.Contains("\"swagger\"", StringComparison.Ordinal)
        || head.Split('\n').Any(l => l.StartsWith("openapi:", StringComparison.Ordinal) || l.StartsWith("swagger:", StringComparison.Ordinal));

    private static string Describe(OpenApiError error) =>
        string.IsNullOrEmpty(error.Pointer) ? error.Message : $"{error.Message} (at {error.Pointer})";

    private static Dictionary<string, string>? Pointer(OpenApiError error) =>
        string.IsNullOrEmpty(error.Pointer) ? null : new Dictionary<string, string> { ["pointer"] = error.Pointer };
}
