using System.Text;

namespace ParallelAgents.Commands.Tests.AgentAudit;

/// <summary>A temporary copy of the agent-audit test corpus (plus generated bad files), deleted on dispose.</summary>
public sealed class CorpusWorkspace : IDisposable
{
    public const string HugeFile = ".claude/agents/bad/aa001-huge.md";
    public const string BinaryFile = ".claude/agents/bad/aa003-binary.md";
    public const string Latin1File = ".claude/agents/bad/aa004-latin1.md";

    private CorpusWorkspace(string root) => Root = root;

    public string Root { get; }

    public static string CorpusPath => Path.Combine(AppContext.BaseDirectory, "AgentAudit", "Corpus");

    /// <summary>The corpus as checked in, plus a 5 MB file, a binary file and a Latin-1 file that are generated here.</summary>
    public static CorpusWorkspace Create(bool withGeneratedBadFiles = true)
    {
        var root = Path.Combine(Path.GetTempPath(), "agent-audit-" + Guid.NewGuid().ToString("N"));
        Copy(CorpusPath, root);
        var workspace = new CorpusWorkspace(root);
        if (withGeneratedBadFiles)
        {
            var huge = new StringBuilder("---\nname: aa001-huge\ndescription: Expert.\n---\n");
            while (huge.Length < 5 * 1024 * 1024)
            {
                huge.Append("A very long system prompt line that repeats until the file is five megabytes large.\n");
            }

            workspace.Write(HugeFile, Encoding.UTF8.GetBytes(huge.ToString()));
            workspace.Write(BinaryFile, [0x2D, 0x2D, 0x2D, 0x0A, 0x89, 0x50, 0x4E, 0x47, 0x0A, 0x00, 0x01, 0x02]);

            // "café" in Latin-1 on line 3: 0xE9 is not valid UTF-8 there.
            workspace.Write(Latin1File, Encoding.Latin1.GetBytes("---\nname: aa004-latin1\ndescription: Expert du caf\u00e9.\n---\nbody\n"));
        }

        return workspace;
    }

    public void Write(string relative, byte[] bytes)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
