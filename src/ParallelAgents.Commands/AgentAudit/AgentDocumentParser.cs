using ParallelAgents.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>Splits a definition into frontmatter and body and parses the frontmatter with YamlDotNet, keeping key order and lines.</summary>
internal static class AgentDocumentParser
{
    /// <summary>The parsed document, or null and the finding that explains why the frontmatter cannot be read.</summary>
    public static (AgentDocument? Document, Finding? Problem) Parse(string text, string relativePath)
    {
        var endsWithNewline = text.EndsWith('\n');
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (endsWithNewline)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0 || lines[0].TrimEnd() != "---")
        {
            return (null, FileFinding.Of(AgentRules.MissingFrontmatter, "The file does not start with '---': add YAML frontmatter (name, description, ...) between two '---' lines at the very top.", relativePath, 1));
        }

        var closing = -1;
        for (var i = 1; i < lines.Count; i++)
        {
            var trimmed = lines[i].TrimEnd();
            if (trimmed is "---" or "...")
            {
                closing = i;
                break;
            }
        }

        if (closing < 0)
        {
            return (null, FileFinding.Of(AgentRules.MalformedFrontmatter, "The frontmatter opened on line 1 is never closed: add a '---' line after the last key.", relativePath, 1));
        }

        var yaml = string.Join('\n', lines.Skip(1).Take(closing - 1));
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // The YAML text starts on file line 2.
            var line = (int)Math.Min(closing, Math.Max(1, e.Start.Line) + 1);
            return (null, FileFinding.Of(AgentRules.MalformedFrontmatter, $"The frontmatter is not valid YAML ({Flatten(e.Message)}); fix the syntax (quote values that contain ': ' or start with special characters).", relativePath, line));
        }

        var root = stream.Documents.FirstOrDefault()?.RootNode;
        if (root is null || (root is YamlScalarNode { Value: null or "" } && root.Tag.IsEmpty))
        {
            return (new AgentDocument(lines, [], closing, endsWithNewline), null);
        }

        if (root is not YamlMappingNode mapping)
        {
            return (null, FileFinding.Of(AgentRules.FrontmatterNotMapping, "The frontmatter is YAML but not a mapping: write it as 'key: value' lines (name: ..., description: ...).", relativePath, 2));
        }

        var starts = mapping.Children.Select(c => (int)c.Key.Start.Line).ToArray();
        var entries = new List<FrontmatterEntry>();
        var index = 0;
        foreach (var (key, value) in mapping.Children)
        {
            var fileLine = starts[index] + 1;
            var end = index + 1 < starts.Length ? starts[index + 1] : closing;
            var name = key is YamlScalarNode s ? s.Value ?? "" : key.ToString();
            entries.Add(new FrontmatterEntry(name, value, fileLine, fileLine - 1, end));
            index++;
        }

        return (new AgentDocument(lines, entries, closing, endsWithNewline), null);
    }

    private static string Flatten(string message) => string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
