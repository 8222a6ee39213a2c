using System.Text.Json;
using System.Text.Json.Serialization;

namespace ParallelAgents.Commands.Prime;

/// <summary>
/// Array forms for the records an item sends by the thousand (one per file, one per import): without property names
/// the item data is about half the size, and the aggregation, which parses every item on one machine, reads less.
/// The readers also accept the object forms earlier versions wrote, so results stored by a job that was running while
/// the service was upgraded still merge.
/// </summary>
public static class PrimeCompactJson
{
    /// <summary><see cref="PrimeItemData.FileStat"/> as <c>[path, language, bytes, code, comment, blank, complexity]</c>.</summary>
    public sealed class FileStatConverter : JsonConverter<PrimeItemData.FileStat>
    {
        /// <inheritdoc />
        public override PrimeItemData.FileStat Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var o = ReadObject(ref reader);
                return new(o.Text("path"), o.Text("language"), o.Number("bytes"), (int)o.Number("code"), (int)o.Number("comment"), (int)o.Number("blank"), (int)o.Number("complexity"));
            }

            Start(ref reader);
            var stat = new PrimeItemData.FileStat(String(ref reader), String(ref reader), Int64(ref reader), Int32(ref reader), Int32(ref reader), Int32(ref reader), Int32(ref reader));
            End(ref reader);
            return stat;
        }

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, PrimeItemData.FileStat value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(value.Path);
            writer.WriteStringValue(value.Language);
            writer.WriteNumberValue(value.Bytes);
            writer.WriteNumberValue(value.Code);
            writer.WriteNumberValue(value.Comment);
            writer.WriteNumberValue(value.Blank);
            writer.WriteNumberValue(value.Complexity);
            writer.WriteEndArray();
        }
    }

    /// <summary><see cref="PrimeItemData.Import"/> as <c>[spec, line]</c>.</summary>
    public sealed class ImportConverter : JsonConverter<PrimeItemData.Import>
    {
        /// <inheritdoc />
        public override PrimeItemData.Import Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var o = ReadObject(ref reader);
                return new(o.Text("spec"), (int)o.Number("line"));
            }

            Start(ref reader);
            var import = new PrimeItemData.Import(String(ref reader), Int32(ref reader));
            End(ref reader);
            return import;
        }

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, PrimeItemData.Import value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(value.Spec);
            writer.WriteNumberValue(value.Line);
            writer.WriteEndArray();
        }
    }

    /// <summary>
    /// <see cref="PrimeItemData.FileWindows"/> as <c>{"path", "hashes", "lines"}</c>; an earlier version's single window
    /// <c>{"hash", "path", "line"}</c> reads as a file with one window, which the duplicate search treats the same way.
    /// </summary>
    public sealed class FileWindowsConverter : JsonConverter<PrimeItemData.FileWindows>
    {
        /// <inheritdoc />
        public override PrimeItemData.FileWindows Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Expected an object, found {reader.TokenType}.");
            }

            string? path = null;
            List<long>? hashes = null;
            List<int>? lines = null;
            long? hash = null;
            int? line = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!.ToLowerInvariant();
                reader.Read();
                switch (name)
                {
                    case "path":
                        path = reader.GetString();
                        break;
                    case "hashes":
                        hashes = Numbers(ref reader, (ref Utf8JsonReader r) => r.GetInt64());
                        break;
                    case "lines":
                        lines = Numbers(ref reader, (ref Utf8JsonReader r) => r.GetInt32());
                        break;
                    case "hash":
                        hash = reader.GetInt64();
                        break;
                    case "line":
                        line = reader.GetInt32();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (path is null)
            {
                throw new JsonException("A window list has no path.");
            }

            if (hash is { } single)
            {
                return new(path, [single], [line ?? 0]);
            }

            if (hashes is null || lines is null || hashes.Count != lines.Count)
            {
                throw new JsonException($"The windows of {path} need as many lines as hashes.");
            }

            return new(path, hashes, lines);
        }

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, PrimeItemData.FileWindows value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("path", value.Path);
            writer.WriteStartArray("hashes");
            foreach (var hash in value.Hashes)
            {
                writer.WriteNumberValue(hash);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("lines");
            foreach (var line in value.Lines)
            {
                writer.WriteNumberValue(line);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private static List<T> Numbers<T>(ref Utf8JsonReader reader, NumberReader<T> read)
        {
            Start(ref reader);
            var values = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                values.Add(reader.TokenType == JsonTokenType.Number ? read(ref reader) : throw new JsonException("Expected a number."));
            }

            return values;
        }
    }

    private delegate T NumberReader<T>(ref Utf8JsonReader reader);

    // An object's scalar properties, by lower-case name (the earlier object forms).
    private static Scalars ReadObject(ref Utf8JsonReader reader)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!.ToLowerInvariant();
            reader.Read();
            values[name] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => reader.GetInt64(),
                _ => Skipped(ref reader),
            };
        }

        return new Scalars(values);
    }

    private static object? Skipped(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private static void Start(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array, found {reader.TokenType}.");
        }
    }

    private static void End(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("Expected the end of the array.");
        }
    }

    private static string String(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("Expected a string.");

    private static int Int32(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : throw new JsonException("Expected a number.");

    private static long Int64(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : throw new JsonException("Expected a number.");

    private sealed record Scalars(Dictionary<string, object?> Values)
    {
        public string Text(string name) => Values.GetValueOrDefault(name) as string ?? throw new JsonException($"'{name}' is missing.");

        public long Number(string name) => Values.GetValueOrDefault(name) is long n ? n : 0;
    }
}
