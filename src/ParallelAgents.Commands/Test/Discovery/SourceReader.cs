using System.Text;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Test.Discovery;

/// <summary>Reads workspace text files for discovery; large, binary or unreadable files are noted and skipped.</summary>
internal sealed class SourceReader(Workspace workspace, ICollection<string> problems)
{
    private const long MaxBytes = 2 * 1024 * 1024;

    public string? Read(string relative)
    {
        try
        {
            var full = workspace.FullPath(relative);
            var info = new FileInfo(full);
            if (info.Length > MaxBytes)
            {
                problems.Add($"{relative}: larger than 2 MiB, not searched for tests");
                return null;
            }

            var bytes = File.ReadAllBytes(full);
            if (Array.IndexOf(bytes, (byte)0) >= 0)
            {
                problems.Add($"{relative}: binary, not searched for tests");
                return null;
            }

            return new UTF8Encoding(false, false).GetString(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{relative}: could not be read ({e.Message})");
            return null;
        }
    }

    public string[] Lines(string relative) => Read(relative)?.Split('\n') ?? [];
}
