using System.Text.Json;

namespace ParallelAgents.Commands.Agent;

/// <summary>Reads an <see cref="AgentAnswer"/> out of model text that may wrap the JSON in prose or a code fence.</summary>
public static class AgentAnswerParser
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The answer, or null when no JSON object or array of findings can be read from <paramref name="text"/>.</summary>
    public static AgentAnswer? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (var candidate in Candidates(text))
        {
            try
            {
                using var document = JsonDocument.Parse(candidate, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                switch (document.RootElement.ValueKind)
                {
                    case JsonValueKind.Object when document.RootElement.TryGetProperty("findings", out var findings) && findings.ValueKind == JsonValueKind.Array:
                        return document.RootElement.Deserialize<AgentAnswer>(Options);
                    case JsonValueKind.Array:
                        return new AgentAnswer { Findings = document.RootElement.Deserialize<List<AgentAnswerFinding>>(Options) ?? [] };
                }
            }
            catch (JsonException)
            {
            }
        }

        return null;
    }

    private static IEnumerable<string> Candidates(string text)
    {
        yield return text.Trim();
        var fence = text.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var start = text.IndexOf('\n', fence);
            var end = start < 0 ? -1 : text.IndexOf("```", start, StringComparison.Ordinal);
            if (end > start)
            {
                yield return text[(start + 1)..end].Trim();
            }
        }

        var open = text.IndexOf('{');
        var close = text.LastIndexOf('}');
        if (open >= 0 && close > open)
        {
            yield return text[open..(close + 1)];
        }

        var openArray = text.IndexOf('[');
        var closeArray = text.LastIndexOf(']');
        if (openArray >= 0 && closeArray > openArray)
        {
            yield return text[openArray..(closeArray + 1)];
        }
    }
}
