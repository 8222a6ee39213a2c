using System.Text.Json;
using System.Text.Json.Nodes;

namespace ParallelAgents.Engine.Commands;

/// <summary>Typed read access to a job's <c>options</c> object. Values were validated at submission.</summary>
public sealed class CommandOptions
{
    private readonly JsonObject _values;

    /// <summary>Wraps an options object.</summary>
    public CommandOptions(JsonObject? values) => _values = values ?? [];

    /// <summary>No options.</summary>
    public static CommandOptions Empty => new(null);

    /// <summary>Parses the options JSON carried by a job spec.</summary>
    public static CommandOptions Parse(string? json) =>
        string.IsNullOrWhiteSpace(json) ? Empty : new CommandOptions(JsonNode.Parse(json) as JsonObject);

    /// <summary>The raw JSON object.</summary>
    public JsonObject Raw => _values;

    /// <summary>True when the option is present and not null.</summary>
    public bool Has(string name) => _values[name] is not null;

    /// <summary>An integer option.</summary>
    public int GetInt(string name, int fallback) =>
        _values[name] is JsonValue v && AsDouble(v) is { } d ? (int)Math.Clamp(d, int.MinValue, int.MaxValue) : fallback;

    /// <summary>A number option.</summary>
    public double GetDouble(string name, double fallback) =>
        _values[name] is JsonValue v && AsDouble(v) is { } d ? d : fallback;

    /// <summary>A JSON number as a double, whether it was parsed from text or built in code from an int, long or decimal.</summary>
    public static double? AsDouble(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.Number
        && double.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? d
            : null;

    /// <summary>A boolean option.</summary>
    public bool GetBool(string name, bool fallback) =>
        _values[name] is JsonValue v && v.TryGetValue(out bool b) ? b : fallback;

    /// <summary>A string option.</summary>
    public string? GetString(string name, string? fallback = null) =>
        _values[name] is JsonValue v && v.TryGetValue(out string? s) ? s : fallback;

    /// <summary>A list of strings; a single string counts as a list of one.</summary>
    public IReadOnlyList<string> GetStringList(string name, IReadOnlyList<string>? fallback = null)
    {
        return _values[name] switch
        {
            JsonArray a => a.Select(n => n is JsonValue v && v.TryGetValue(out string? s) ? s : null).OfType<string>().ToArray(),
            JsonValue v when v.TryGetValue(out string? s) => [s],
            _ => fallback ?? [],
        };
    }

    /// <summary>A nested object option.</summary>
    public JsonObject? GetObject(string name) => _values[name] as JsonObject;

    /// <summary>The options as compact JSON.</summary>
    public override string ToString() => _values.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
