using System.Text.Json;
using System.Text.Json.Nodes;

namespace ParallelAgents.Api.Endpoints;

/// <summary>Reads a request body as JSON for submissions that validate it field by field.</summary>
internal static class JsonBody
{
    /// <summary>The parsed body, or the reason it is not JSON (bad UTF-8, bad syntax, duplicate properties).</summary>
    public static async Task<(JsonNode? Body, string? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // Buffered (the body limit bounds it) so bad UTF-8 is refused up front: the parser only finds it when a
            // string is read, deep inside validation.
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            if (!System.Text.Unicode.Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
            {
                return (null, "The body is not valid UTF-8 JSON.");
            }

            return (JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false }), null);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON: {e.Message}");
        }
    }
}
