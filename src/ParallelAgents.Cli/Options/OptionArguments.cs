using System.Text.Json;
using System.Text.Json.Nodes;

namespace ParallelAgents.Cli.Options;

/// <summary>Turns repeated <c>--option key=value</c> arguments into the job's options object.</summary>
public static class OptionArguments
{
    /// <summary>
    /// Each value is read as JSON when it parses (numbers, booleans, arrays, objects, quoted strings), else kept as a
    /// string; a later key wins. Throws <see cref="CliException"/> naming the argument when one has no '=' or no key.
    /// </summary>
    public static JsonObject Parse(IEnumerable<string> arguments)
    {
        var options = new JsonObject();
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"--option '{argument}' must look like key=value, e.g. --option items=24 or --option paths='[\"src\"]'.");
            }

            var key = argument[..equals].Trim();
            if (key.Length == 0)
            {
                throw new CliException($"--option '{argument}' has no key before '='.");
            }

            options[key] = ParseValue(argument[(equals + 1)..]);
        }

        return options;
    }

    /// <summary>A JSON value when the text is JSON, else the text as a string.</summary>
    public static JsonNode? ParseValue(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return JsonValue.Create(text);
        }

        try
        {
            var node = JsonNode.Parse(trimmed);
            // "null" is kept as text: an option set to nothing is better left out than sent as null.
            return node ?? JsonValue.Create(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
