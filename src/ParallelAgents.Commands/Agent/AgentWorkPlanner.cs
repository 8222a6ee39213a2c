using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.FileSystemGlobbing;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Workspaces;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Models.Clients;

namespace ParallelAgents.Commands.Agent;

/// <summary>
/// Turns a workspace into the agent's work items: the text files the globs select, grouped by partition key, packed
/// into items of at most <c>maxItemTokens</c>; a file too large for one item is split by lines, keeping line numbers.
/// The globs choose among the files left once <see cref="WorkspaceFiles"/> has taken out what the workspace's
/// <c>.gitignore</c> files exclude at every level, <c>.git</c>, links and the usual dependency and output directories;
/// <c>includeIgnored</c> puts back only what the <c>.gitignore</c> files exclude.
/// </summary>
public static class AgentWorkPlanner
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { "node_modules", "bin", "obj", ".venv", "__pycache__", "dist", "target" };

    /// <summary>The items, in a stable order with stable ids.</summary>
    /// <param name="workspace">The files.</param>
    /// <param name="globs">Files to include; all when empty.</param>
    /// <param name="partitionBy">directory, file or language.</param>
    /// <param name="maxItemTokens">Estimated tokens per item.</param>
    /// <param name="includeIgnored">Also files .gitignore excludes.</param>
    /// <param name="include">Files that may become items (a diff-aware run's changed files); all when null.</param>
    public static IReadOnlyList<WorkItem> Plan(
        Workspace workspace, IReadOnlyList<string> globs, string partitionBy, int maxItemTokens, bool includeIgnored = false, Func<string, bool>? include = null)
    {
        var files = Select(workspace, globs, includeIgnored).Where(include ?? (_ => true));
        var slices = files.SelectMany(f => Slice(workspace, f, maxItemTokens)).ToList();
        var items = new List<WorkItem>();
        foreach (var group in slices.GroupBy(s => Key(s.Path, partitionBy)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var batch = new List<FileSlice>();
            var tokens = 0L;
            foreach (var slice in group)
            {
                if (batch.Count > 0 && tokens + slice.Tokens > maxItemTokens)
                {
                    items.Add(Item(items.Count, group.Key, batch, tokens));
                    batch = [];
                    tokens = 0;
                }

                batch.Add(slice);
                tokens += slice.Tokens;
            }

            if (batch.Count > 0)
            {
                items.Add(Item(items.Count, group.Key, batch, tokens));
            }
        }

        return items;
    }

    /// <summary>The slices an item's payload names.</summary>
    public static IReadOnlyList<FileSlice> Slices(WorkItem item) => JsonSerializer.Deserialize<FileSlice[]>(item.Payload ?? "[]", JsonOptions) ?? [];

    /// <summary>The partition key of a path.</summary>
    public static string Key(string path, string partitionBy) => partitionBy switch
    {
        "file" => path,
        "language" => Language(path),
        _ => path.LastIndexOf('/') is var i and > 0 ? path[..i] : ".",
    };

    private static IReadOnlyList<string> Select(Workspace workspace, IReadOnlyList<string> globs, bool includeIgnored)
    {
        var all = WorkspaceFiles.Enumerate(workspace, respectGitIgnore: !includeIgnored, SkippedDirectories);
        IEnumerable<string> chosen = all;
        if (globs.Count > 0)
        {
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddIncludePatterns(globs);
            chosen = matcher.Match(workspace.RootPath, all.Select(workspace.FullPath)).Files.Select(f => f.Path).Order(StringComparer.Ordinal);
        }

        return chosen.Where(p => IsText(workspace.FullPath(p))).ToArray();
    }

    private static IEnumerable<FileSlice> Slice(Workspace workspace, string path, int maxItemTokens)
    {
        var lines = File.ReadAllLines(workspace.FullPath(path));
        if (lines.Length == 0)
        {
            yield break;
        }

        var start = 0;
        var tokens = 0L;
        for (var i = 0; i < lines.Length; i++)
        {
            // Each line also carries its number prefix in the prompt.
            var lineTokens = TokenEstimate.FromCharacters(lines[i].Length + 8);
            if (i > start && tokens + lineTokens > maxItemTokens)
            {
                yield return new FileSlice(path, start + 1, i, tokens);
                start = i;
                tokens = 0;
            }

            tokens += lineTokens;
        }

        yield return new FileSlice(path, start + 1, lines.Length, tokens);
    }

    private static WorkItem Item(int index, string key, List<FileSlice> slices, long tokens) =>
        new($"item-{index.ToString("D5", CultureInfo.InvariantCulture)}", key, Math.Max(1, tokens), JsonSerializer.Serialize(slices, JsonOptions));

    private static bool IsText(string fullPath)
    {
        try
        {
            using var stream = File.OpenRead(fullPath);
            Span<byte> head = stackalloc byte[8000];
            var read = stream.Read(head);
            return head[..read].IndexOf((byte)0) < 0;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Language(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".cs" => "csharp",
            ".ts" or ".tsx" => "typescript",
            ".js" or ".jsx" or ".mjs" or ".cjs" => "javascript",
            ".py" => "python",
            ".go" => "go",
            ".rs" => "rust",
            ".java" => "java",
            ".kt" => "kotlin",
            ".md" => "markdown",
            ".json" or ".yaml" or ".yml" or ".toml" or ".xml" => "config",
            "" => "other",
            _ => ext[1..],
        };
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
