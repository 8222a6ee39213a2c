using System.Text.Json.Nodes;

namespace ParallelAgents.TestSupport.Models;

/// <summary>One request the test model server received.</summary>
/// <param name="Number">1-based order of arrival.</param>
/// <param name="Path">Request path.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="Authorization">The credential headers as received.</param>
public sealed record ModelServerRequest(int Number, string Path, JsonObject Body, string Authorization)
{
    /// <summary>The text of every message, joined.</summary>
    public string AllText => string.Join("\n", (Body["messages"] as JsonArray ?? []).Select(m => Text(m?["content"])).Append(Text(Body["system"])));

    /// <summary>The last user message's text.</summary>
    public string LastUserText => (Body["messages"] as JsonArray ?? []).Where(m => (string?)m?["role"] == "user").Select(m => Text(m?["content"])).LastOrDefault() ?? "";

    private static string Text(JsonNode? content) => content switch
    {
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonArray parts => string.Join("\n", parts.Select(p => (string?)p?["text"] ?? "")),
        _ => "",
    };
}
