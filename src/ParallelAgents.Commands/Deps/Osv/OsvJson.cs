using System.Globalization;
using System.Text.Json;

namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>Reads OSV JSON (schema 1.x) into <see cref="OsvRecord"/>s, tolerating missing optional fields.</summary>
public static class OsvJson
{
    /// <summary>Parses one record; throws <see cref="JsonException"/> or <see cref="FormatException"/> when it is not one.</summary>
    public static OsvRecord Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        using var document = JsonDocument.ParseValue(ref reader);
        return Parse(document.RootElement);
    }

    /// <summary>Parses one record from an element.</summary>
    public static OsvRecord Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || Str(root, "id") is not { Length: > 0 } id)
        {
            throw new FormatException("An OSV record is an object with an 'id'.");
        }

        var affected = new List<OsvAffected>();
        foreach (var a in Arr(root, "affected"))
        {
            var package = a.ValueKind == JsonValueKind.Object && a.TryGetProperty("package", out var p) ? p : default;
            var ecosystem = package.ValueKind == JsonValueKind.Object ? Str(package, "ecosystem") : null;
            var name = package.ValueKind == JsonValueKind.Object ? Str(package, "name") : null;
            if (ecosystem is null || name is null)
            {
                continue;
            }

            var ranges = Arr(a, "ranges")
                .Select(r => new OsvRange(
                    Str(r, "type") ?? string.Empty,
                    Arr(r, "events").SelectMany(Events).ToArray()))
                .ToArray();
            var versions = Arr(a, "versions").Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray();
            affected.Add(new OsvAffected(ecosystem, name, versions, ranges, Severities(a), QualitativeSeverity(a, "ecosystem_specific") ?? QualitativeSeverity(a, "database_specific")));
        }

        var summary = Str(root, "summary");
        if (string.IsNullOrWhiteSpace(summary) && Str(root, "details") is { } details)
        {
            var firstLine = details.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
            summary = firstLine.Length > 160 ? firstLine[..160] + "..." : firstLine;
        }

        return new OsvRecord(
            id,
            Arr(root, "aliases").Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray(),
            summary,
            Date(root, "modified"),
            Date(root, "withdrawn"),
            Severities(root),
            affected,
            QualitativeSeverity(root, "database_specific"));
    }

    private static IEnumerable<OsvEvent> Events(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var kind in new[] { "introduced", "fixed", "last_affected", "limit" })
        {
            if (Str(e, kind) is { } version)
            {
                yield return new OsvEvent(kind, version);
            }
        }
    }

    private static OsvSeverity[] Severities(JsonElement e) =>
        Arr(e, "severity").Select(s => (Type: Str(s, "type"), Score: Str(s, "score"))).Where(s => s.Type is not null && s.Score is not null)
            .Select(s => new OsvSeverity(s.Type!, s.Score!)).ToArray();

    private static string? QualitativeSeverity(JsonElement e, string container) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(container, out var c) ? Str(c, "severity") : null;

    private static DateTimeOffset? Date(JsonElement e, string name) =>
        Str(e, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IEnumerable<JsonElement> Arr(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];
}
