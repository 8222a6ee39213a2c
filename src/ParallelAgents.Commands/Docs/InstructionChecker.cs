using System.Text.Json;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Docs;

/// <summary>
/// Checks that what CLAUDE.md / AGENTS.md tell an agent to use exists: paths and project files in code spans and shell
/// code blocks, <c>npm run</c>/<c>yarn</c>/<c>pnpm</c> scripts in the nearest package.json, and <c>make</c> targets.
/// </summary>
public static partial class InstructionChecker
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "md", "cs", "csproj", "fsproj", "vbproj", "sln", "slnx", "props", "targets", "json", "yml", "yaml", "sh", "bash", "ps1", "py", "ts", "tsx",
        "js", "jsx", "mjs", "cjs", "go", "mod", "toml", "rs", "java", "kt", "xml", "txt", "cfg", "ini", "lock", "sql", "bicep", "tf", "html", "css",
    };

    private static readonly HashSet<string> ShellLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        string.Empty, "bash", "sh", "shell", "console", "zsh", "powershell", "pwsh", "ps1", "cmd", "bat", "text", "txt",
    };

    private static readonly HashSet<string> KnownNames = new(StringComparer.Ordinal) { "Makefile", "Dockerfile", "Justfile", "Taskfile", "Containerfile" };

    /// <summary>Findings for one instruction file.</summary>
    /// <param name="path">The instruction file, workspace-relative.</param>
    /// <param name="text">Its text.</param>
    /// <param name="workspace">The workspace.</param>
    /// <param name="fileNames">Lazily, the names of every file in the workspace (for bare file names).</param>
    public static IReadOnlyList<Finding> Check(string path, string text, Workspace workspace, Func<IReadOnlySet<string>> fileNames)
    {
        var findings = new List<Finding>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var document = Markdown.Parse(text, MarkdownInspector.MarkdigPipeline);
        var snippets = new List<(string Code, int Line)>();
        foreach (var code in document.Descendants<CodeInline>())
        {
            snippets.Add((code.Content, code.Line + 1));
        }

        foreach (var block in document.Descendants<CodeBlock>())
        {
            var info = block is FencedCodeBlock fenced ? (fenced.Info ?? string.Empty).Trim() : string.Empty;
            if (!ShellLanguages.Contains(info))
            {
                continue;
            }

            var offset = block is FencedCodeBlock ? 2 : 1;
            var lines = block.Lines.Lines;
            for (var i = 0; i < block.Lines.Count; i++)
            {
                snippets.Add((lines[i].Slice.ToString(), block.Line + offset + i));
            }
        }

        var dir = Path.GetDirectoryName(path)?.Replace('\\', '/') ?? string.Empty;
        foreach (var (code, line) in snippets)
        {
            var tokens = Tokens(code);
            if (tokens.Count == 0 || tokens[0] == "git")
            {
                continue;
            }

            CheckScripts(path, dir, tokens, line, workspace, findings, reported);
            foreach (var token in tokens)
            {
                var candidate = PathCandidate(token);
                if (candidate is null || !reported.Add("path:" + candidate))
                {
                    continue;
                }

                if (!PathExists(candidate, dir, workspace, fileNames))
                {
                    findings.Add(new(DocsRules.InstructionPathMissing, Severity.Medium, $"'{candidate}' is mentioned but does not exist (looked beside {Path.GetFileName(path)} and at the workspace root); update the instructions.", path, line, Properties: new Dictionary<string, string> { ["mentioned"] = candidate }));
                }
            }
        }

        return findings;
    }

    private static void CheckScripts(string path, string dir, List<string> tokens, int line, Workspace workspace, List<Finding> findings, HashSet<string> reported)
    {
        string? script = null;
        if (tokens.Count >= 3 && tokens[0] is "npm" or "pnpm" or "yarn" && tokens[1] == "run")
        {
            script = tokens[2];
        }
        else if (tokens.Count >= 2 && tokens[0] == "npm" && tokens[1] is "test" or "t")
        {
            script = "test";
        }

        if (script is not null && !script.StartsWith('-') && reported.Add("npm:" + script))
        {
            var manifest = new[] { dir, string.Empty }.Select(d => d.Length == 0 ? "package.json" : $"{d}/package.json").Distinct().FirstOrDefault(p => File.Exists(SafeFull(workspace, p)));
            if (manifest is null)
            {
                findings.Add(new(DocsRules.InstructionScriptMissing, Severity.Medium, $"'{string.Join(' ', tokens.Take(3))}' is mentioned but there is no package.json beside the instructions or at the root.", path, line));
            }
            else if (!NpmScripts(SafeFull(workspace, manifest)).Contains(script))
            {
                findings.Add(new(DocsRules.InstructionScriptMissing, Severity.Medium, $"npm script '{script}' is mentioned but {manifest} has no such script; add it or fix the instructions.", path, line, Properties: new Dictionary<string, string> { ["script"] = script }));
            }
        }

        if (tokens.Count >= 2 && tokens[0] == "make" && !tokens[1].StartsWith('-') && !tokens[1].Contains('=', StringComparison.Ordinal) && reported.Add("make:" + tokens[1]))
        {
            var makefile = new[] { dir, string.Empty }.Select(d => d.Length == 0 ? "Makefile" : $"{d}/Makefile").Distinct().FirstOrDefault(p => File.Exists(SafeFull(workspace, p)));
            var target = tokens[1];
            if (makefile is null)
            {
                findings.Add(new(DocsRules.InstructionScriptMissing, Severity.Medium, $"'make {target}' is mentioned but there is no Makefile beside the instructions or at the root.", path, line));
            }
            else if (!Regex.IsMatch(File.ReadAllText(SafeFull(workspace, makefile)), $@"^{Regex.Escape(target)}\s*:", RegexOptions.Multiline))
            {
                findings.Add(new(DocsRules.InstructionScriptMissing, Severity.Medium, $"make target '{target}' is mentioned but {makefile} does not define it.", path, line, Properties: new Dictionary<string, string> { ["script"] = target }));
            }
        }
    }

    private static HashSet<string> NpmScripts(string manifest)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            return json.RootElement.TryGetProperty("scripts", out var scripts) && scripts.ValueKind == JsonValueKind.Object
                ? scripts.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
                : [];
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return [];
        }
    }

    private static List<string> Tokens(string code)
    {
        var trimmed = code.Trim();
        if (trimmed.StartsWith("$ ", StringComparison.Ordinal) || trimmed.StartsWith("> ", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        if (trimmed.StartsWith('#'))
        {
            return [];
        }

        return trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Trim('"', '\'', '`', ',', ';', '(', ')', ':'))
            .Where(t => t.Length > 0)
            .ToList();
    }

    /// <summary>The token as a workspace path to check, or null when it does not look like one.</summary>
    public static string? PathCandidate(string token)
    {
        if (token.StartsWith('-') || token.StartsWith('/') || token.StartsWith('~') || token.Contains("://", StringComparison.Ordinal) || !PathLike().IsMatch(token))
        {
            return null;
        }

        var path = token.StartsWith("./", StringComparison.Ordinal) ? token[2..] : token;
        if (path.Length == 0 || path.StartsWith("../", StringComparison.Ordinal))
        {
            return null;
        }

        var name = path.TrimEnd('/').Split('/')[^1];
        var dot = name.LastIndexOf('.');
        var hasExtension = dot > 0 && dot < name.Length - 1 && Extensions.Contains(name[(dot + 1)..]);
        if (hasExtension || KnownNames.Contains(name))
        {
            return path;
        }

        // An extension-less path is only taken for one when it ends with '/' or its first folder exists.
        return path.Contains('/', StringComparison.Ordinal) ? path : null;
    }

    private static bool PathExists(string candidate, string dir, Workspace workspace, Func<IReadOnlySet<string>> fileNames)
    {
        var trimmed = candidate.TrimEnd('/');
        foreach (var baseDir in new[] { dir, string.Empty }.Distinct())
        {
            var relative = LinkTarget.Resolve(baseDir.Length == 0 ? "x" : $"{baseDir}/x", trimmed);
            if (relative is not null && (File.Exists(SafeFull(workspace, relative)) || Directory.Exists(SafeFull(workspace, relative))))
            {
                return true;
            }
        }

        if (!trimmed.Contains('/', StringComparison.Ordinal))
        {
            return fileNames().Contains(trimmed);
        }

        var name = trimmed.Split('/')[^1];
        var dotIndex = name.LastIndexOf('.');
        var hasExtension = dotIndex > 0 && Extensions.Contains(name[(dotIndex + 1)..]);
        if (!hasExtension && !candidate.EndsWith('/') && !KnownNames.Contains(name))
        {
            // Looks like "type/subtype" or "owner/repo" unless its first folder is real.
            var first = trimmed.Split('/')[0];
            var firstRelative = LinkTarget.Resolve(dir.Length == 0 ? "x" : $"{dir}/x", first);
            return !(Directory.Exists(SafeFull(workspace, first)) || (firstRelative is not null && Directory.Exists(SafeFull(workspace, firstRelative))));
        }

        return false;
    }

    private static string SafeFull(Workspace workspace, string relative)
    {
        try
        {
            return workspace.FullPath(relative);
        }
        catch (UnauthorizedAccessException)
        {
            return Path.Combine(workspace.RootPath, "\0invalid");
        }
    }

    [GeneratedRegex(@"^[\w.\-@/]+$")]
    private static partial Regex PathLike();
}
