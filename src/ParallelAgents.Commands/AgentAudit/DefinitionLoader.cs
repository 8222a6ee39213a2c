using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>Reads a definition file as UTF-8 text; too large, empty, binary or non-UTF-8 files become a finding instead.</summary>
internal static class DefinitionLoader
{
    private const int BinaryProbeBytes = 8000;

    /// <summary>The file's text, or null and the finding that explains why it cannot be audited.</summary>
    public static (string? Text, Finding? Problem) Load(string fullPath, string relativePath, long maxBytes)
    {
        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            return (null, FileFinding.Of(AgentRules.EmptyFile, "The file disappeared before it could be read; run the audit again.", relativePath, 1));
        }

        if (info.Length > maxBytes)
        {
            return (null, FileFinding.Of(
                AgentRules.FileTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"The file is {info.Length:N0} bytes, over the {maxBytes:N0}-byte limit; shorten it (agent prompts are a few KB) or raise options.maxFileBytes."),
                relativePath,
                1));
        }

        var bytes = File.ReadAllBytes(fullPath);
        return Decode(bytes, relativePath);
    }

    /// <summary>Decodes bytes already read; public for tests.</summary>
    public static (string? Text, Finding? Problem) Decode(ReadOnlySpan<byte> bytes, string relativePath)
    {
        var probe = bytes[..Math.Min(bytes.Length, BinaryProbeBytes)];
        var nul = probe.IndexOf((byte)0);
        if (nul >= 0)
        {
            return (null, FileFinding.Of(AgentRules.BinaryFile, "The file contains NUL bytes: it is binary, not a Markdown definition. Remove it from the agents folder or replace it with the Markdown source.", relativePath, LineAt(bytes, nul)));
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                return (null, FileFinding.Of(
                    AgentRules.NotUtf8,
                    string.Create(CultureInfo.InvariantCulture, $"The file is not valid UTF-8 (invalid byte 0x{bytes[read]:X2} at offset {read}); save it as UTF-8."),
                    relativePath,
                    LineAt(bytes, read)));
            }

            var text = new string(chars, 0, written);
            if (string.IsNullOrWhiteSpace(text))
            {
                return (null, FileFinding.Of(AgentRules.EmptyFile, "The file is empty; add frontmatter (name, description) and a system prompt, or delete it.", relativePath, 1));
            }

            return (text, null);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static int LineAt(ReadOnlySpan<byte> bytes, int offset) => bytes[..Math.Min(offset, bytes.Length)].Count((byte)'\n') + 1;
}
