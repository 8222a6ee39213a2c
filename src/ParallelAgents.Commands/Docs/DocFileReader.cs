using System.Text;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Docs;

/// <summary>Reads a workspace text file defensively: size limit, binary and UTF-8 checks become findings, never exceptions.</summary>
public static class DocFileReader
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// The file's text, or null when it must not be analysed (too large, binary, unreadable). Invalid UTF-8 is reported
    /// and decoded with replacement characters so the rest of the file is still checked.
    /// </summary>
    public static string? Read(Workspace workspace, string path, long maxBytes, List<Finding> findings, out long bytes)
    {
        bytes = 0;
        byte[] data;
        try
        {
            var info = new FileInfo(workspace.FullPath(path));
            bytes = info.Length;
            if (info.Length > maxBytes)
            {
                findings.Add(new(DocsRules.FileTooLarge, Severity.Low, $"File is {info.Length:N0} bytes, over the {maxBytes:N0}-byte limit (maxFileBytes); it was not analysed. Split it or raise the limit.", path));
                return null;
            }

            data = File.ReadAllBytes(info.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            findings.Add(new(DocsRules.Unreadable, Severity.Medium, $"File could not be read: {e.Message}", path));
            return null;
        }

        if (data.AsSpan(0, Math.Min(data.Length, 8192)).IndexOf((byte)0) >= 0)
        {
            findings.Add(new(DocsRules.BinaryFile, Severity.Low, "File contains NUL bytes and looks binary; documentation should be text.", path));
            return null;
        }

        try
        {
            return StripBom(Strict.GetString(data));
        }
        catch (DecoderFallbackException e)
        {
            var offset = Math.Max(0, e.Index);
            var line = 1 + data.AsSpan(0, Math.Min(offset, data.Length)).Count((byte)'\n');
            findings.Add(new(DocsRules.NotUtf8, Severity.Low, $"File is not valid UTF-8 (first bad byte near offset {offset}); re-save it as UTF-8.", path, line));
            return StripBom(Lenient.GetString(data));
        }
    }

    private static string StripBom(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
}
