using System.Text.Json;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>Tolerant reads from JSON elements.</summary>
internal static class JsonValues
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    public static IEnumerable<JsonProperty> Properties(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } e ? e.EnumerateObject() : [];

    /// <summary>An npm-style license: a string, or an object with <c>type</c>, or an array of those joined with OR.</summary>
    public static string? License(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty("license", out var license))
        {
            return One(license);
        }

        if (element.TryGetProperty("licenses", out var licenses) && licenses.ValueKind == JsonValueKind.Array)
        {
            var all = licenses.EnumerateArray().Select(One).OfType<string>().ToArray();
            return all.Length == 0 ? null : all.Length == 1 ? all[0] : $"({string.Join(" OR ", all)})";
        }

        return null;

        static string? One(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Object => String(e, "type"),
            _ => null,
        };
    }

    public static JsonElement RequireObjectRoot(JsonManifest manifest)
    {
        if (manifest.Root.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestFormatException("The top level must be a JSON object.", 1);
        }

        return manifest.Root;
    }
}
