using System.Text.Json;
using System.Text.Json.Serialization;

namespace ParallelAgents.Commands.Prime;

/// <summary>JSON settings for prime's item data and report data.</summary>
public static class PrimeJson
{
    /// <summary>camelCase, no indentation, nulls left out.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
