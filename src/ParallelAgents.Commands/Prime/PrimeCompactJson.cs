using System.Text.Json;
using System.Text.Json.Serialization;

namespace ParallelAgents.Commands.Prime;

/// <summary>
/// Array forms for the records an item sends by the thousand (one per file, one per import): without property names
/// the item data is about half the size, and the aggregation, which parses every item on one machine, reads less.
/// </summary>
public static class PrimeCompactJson
{
    /// <summary><see cref="PrimeItemData.FileStat"/> as <c>[path, language, bytes, code, comment, blank, complexity]</c>.</summary>
    public sealed class FileStatConverter : JsonConverter<PrimeItemData.FileStat>
    {
        /// <inheritdoc />
        public override PrimeItemData.FileStat Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
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
}
