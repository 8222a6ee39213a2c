using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>A parsed TOML file (Tomlyn) with the source line of each key.</summary>
internal sealed class TomlManifest
{
    private readonly TomlMetadataStore _metadata;
    private readonly string[] _lines;

    private TomlManifest(TomlTable root, TomlMetadataStore metadata, string text)
    {
        Root = root;
        _metadata = metadata;
        _lines = TextLines.Split(text);
    }

    public TomlTable Root { get; }

    public static TomlManifest Parse(string text)
    {
        var metadata = new TomlMetadataStore();
        var root = TomlSerializer.Deserialize<TomlTable>(text, new TomlSerializerOptions { MetadataStore = metadata })
            ?? throw new ManifestFormatException("The file is empty.", 1);
        return new TomlManifest(root, metadata, text);
    }

    /// <summary>1-based line of <paramref name="key"/> in <paramref name="table"/>; <paramref name="fallback"/> when unknown.</summary>
    public int Line(TomlTable table, string key, int fallback = 1)
    {
        if (_metadata.TryGetProperties(table, out var properties) && properties is not null
            && properties.TryGetProperty(key, out var property) && property?.Span is { } span)
        {
            return span.Start.Line + 1;
        }

        return fallback;
    }

    /// <summary>1-based line of the first line at or after <paramref name="fromLine"/> containing <paramref name="needle"/>.</summary>
    public int Find(string needle, int fromLine)
    {
        for (var i = Math.Max(0, fromLine - 1); i < _lines.Length; i++)
        {
            if (_lines[i].Contains(needle, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return fromLine;
    }

    public static TomlTable? Table(TomlTable? table, string key) => table is not null && table.TryGetValue(key, out var v) ? v as TomlTable : null;

    public static string? String(TomlTable? table, string key) => table is not null && table.TryGetValue(key, out var v) ? v as string : null;

    public static IEnumerable<TomlTable> Tables(TomlTable? table, string key)
    {
        if (table is null || !table.TryGetValue(key, out var v))
        {
            return [];
        }

        return v switch
        {
            TomlTableArray array => array.OfType<TomlTable>(),
            TomlArray array => array.OfType<TomlTable>(),
            _ => [],
        };
    }

    public static IEnumerable<object?> Array(TomlTable? table, string key) =>
        table is not null && table.TryGetValue(key, out var v) && v is TomlArray array ? array : [];
}
