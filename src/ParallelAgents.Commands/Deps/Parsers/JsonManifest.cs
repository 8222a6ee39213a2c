using System.Text;
using System.Text.Json;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>A parsed JSON file plus the line of every property, addressed by its path of property names.</summary>
internal sealed class JsonManifest : IDisposable
{
    private const char Separator = '\u001f';
    private readonly Dictionary<string, int> _lines;

    private JsonManifest(JsonDocument document, Dictionary<string, int> lines)
    {
        Document = document;
        _lines = lines;
    }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    public static JsonManifest Parse(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 };
        var document = JsonDocument.Parse(bytes, options);
        return new JsonManifest(document, IndexLines(bytes));
    }

    /// <summary>The line of the property at <paramref name="path"/>; 1 when unknown.</summary>
    public int Line(params string[] path) => _lines.TryGetValue(string.Join(Separator, path), out var line) ? line : 1;

    public void Dispose() => Document.Dispose();

    private static Dictionary<string, int> IndexLines(byte[] bytes)
    {
        var lines = TextLines.Of(bytes);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 });
        var path = new List<string>();
        string? pending = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pending = reader.GetString() ?? string.Empty;
                    var key = path.Count <= 1 ? pending : string.Join(Separator, path.Skip(1).Append(pending));
                    result.TryAdd(key, lines.LineOf(reader.TokenStartIndex));
                    break;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    path.Add(pending ?? "[]");
                    pending = null;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    pending = null;
                    break;
                default:
                    pending = null;
                    break;
            }
        }

        return result;
    }
}
