using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using ParallelAgents.Commands.Workspaces;
using ParallelAgents.Engine.Security;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Agent;

/// <summary>
/// The read-only functions <c>tools: read</c> gives an agent: read a file, list a directory, search text. Confined to the
/// workspace (no path outside it, no links followed out of it), secrets masked, output bounded. No writes, no shell, no network.
/// </summary>
public sealed class WorkspaceReadTools(Workspace workspace, bool redactSecrets)
{
    private const int MaxLines = 400;
    private const int MaxMatches = 50;

    /// <summary>Calls made, for the report.</summary>
    public int Calls { get; private set; }

    /// <summary>The functions to put in <see cref="ChatOptions.Tools"/>.</summary>
    public IList<AITool> Create() =>
    [
        AIFunctionFactory.Create(ReadFile, "read_file", "Reads lines of a workspace file (numbered, at most 400)."),
        AIFunctionFactory.Create(ListDirectory, "list_directory", "Lists the files and folders of a workspace directory."),
        AIFunctionFactory.Create(Search, "search", "Finds lines containing a text in the workspace's files (at most 50)."),
    ];

    /// <summary>Reads numbered lines of a file.</summary>
    public string ReadFile(
        [Description("Workspace-relative path.")] string path,
        [Description("First line, 1-based.")] int startLine = 1,
        [Description("Last line.")] int endLine = MaxLines)
    {
        Calls++;
        if (Resolve(path, out var full) is { } error)
        {
            return error;
        }

        if (!File.Exists(full))
        {
            return $"error: '{path}' is not a file in the workspace.";
        }

        var lines = File.ReadAllLines(full);
        var first = Math.Max(1, startLine);
        var last = Math.Min(lines.Length, Math.Min(endLine, first + MaxLines - 1));
        var text = new StringBuilder();
        for (var n = first; n <= last; n++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{n}| {Mask(lines[n - 1])}\n");
        }

        return text.Length == 0 ? $"(no lines {first}-{endLine}; the file has {lines.Length})" : text.ToString();
    }

    /// <summary>Lists a directory.</summary>
    public string ListDirectory([Description("Workspace-relative directory; '.' for the root.")] string path = ".")
    {
        Calls++;
        if (Resolve(path, out var full) is { } error)
        {
            return error;
        }

        if (!Directory.Exists(full))
        {
            return $"error: '{path}' is not a directory in the workspace.";
        }

        var entries = new DirectoryInfo(full).EnumerateFileSystemInfos()
            .Where(e => e.LinkTarget is null && e.Name != ".git")
            .Select(e => e is DirectoryInfo ? e.Name + "/" : e.Name)
            .Order(StringComparer.Ordinal)
            .Take(500);
        return string.Join('\n', entries);
    }

    /// <summary>Finds lines containing a text.</summary>
    public string Search([Description("Text to find (case-insensitive).")] string text)
    {
        Calls++;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "error: give a text to search for.";
        }

        var matches = new List<string>();
        // The same files the command reads: links, .git and what .gitignore excludes (.env, build output...) stay out.
        foreach (var path in WorkspaceFiles.Enumerate(workspace, respectGitIgnore: true))
        {
            var full = workspace.FullPath(path);
            var n = 0;
            foreach (var line in File.ReadLines(full))
            {
                n++;
                if (line.Contains(text, StringComparison.OrdinalIgnoreCase))
                {
                    matches.Add($"{path}:{n}: {Mask(line.Trim())}");
                    if (matches.Count >= MaxMatches)
                    {
                        return string.Join('\n', matches);
                    }
                }
            }
        }

        return matches.Count == 0 ? "(no matches)" : string.Join('\n', matches);
    }

    private string? Resolve(string path, out string full)
    {
        full = "";
        try
        {
            full = workspace.FullPath(path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException)
        {
            return $"error: '{path}' is outside the workspace; only workspace files can be read.";
        }

        for (var at = full; Workspace.IsUnder(workspace.RootPath, at) && at != workspace.RootPath; at = Path.GetDirectoryName(at)!)
        {
            if ((File.Exists(at) || Directory.Exists(at)) && new FileInfo(at).LinkTarget is not null)
            {
                return $"error: '{path}' goes through a link; links are not followed.";
            }
        }

        return null;
    }

    private string Mask(string line) => redactSecrets ? SecretMasker.MaskText(line) ?? "" : line;
}
