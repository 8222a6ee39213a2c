using System.Text.RegularExpressions;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>Finds agent definitions and skills in a workspace.</summary>
internal static partial class DefinitionDiscovery
{
    private static readonly IReadOnlySet<string> SkippedDirectories = new HashSet<string>(StringComparer.Ordinal) { "node_modules", ".tools" };

    /// <summary>
    /// Agents: <c>.claude/agents/**/*.md</c>, <c>system-configs/.claude/agents/**/*.md</c> and <c>*.md</c> under the extra folders;
    /// skills: <c>**/skills/*/SKILL.md</c> and legacy <c>**/skills/*.md</c>. README.md files are documentation, not definitions.
    /// </summary>
    public static (IReadOnlyList<DefinitionFile> Files, IReadOnlyList<string> Notes) Find(Workspace workspace, IReadOnlyList<string> extraFolders)
    {
        var notes = new List<string>();
        var folders = new List<string> { ".claude/agents/", "system-configs/.claude/agents/" };
        foreach (var raw in extraFolders)
        {
            var folder = raw.Replace('\\', '/').Trim().TrimEnd('/');
            string full;
            try
            {
                if (Path.IsPathRooted(folder))
                {
                    throw new UnauthorizedAccessException("Absolute paths are not workspace folders.");
                }

                full = workspace.FullPath(folder);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                notes.Add($"options.paths entry '{raw}' is outside the workspace and was ignored.");
                continue;
            }

            if (!Directory.Exists(full))
            {
                notes.Add($"options.paths entry '{raw}' is not a folder of the workspace and was ignored.");
                continue;
            }

            folders.Add(folder.Length == 0 ? "" : folder + "/");
        }

        var files = new List<DefinitionFile>();
        foreach (var path in workspace.EnumerateFiles(SkippedDirectories))
        {
            if (!path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(path).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (SkillFile().IsMatch(path))
            {
                files.Add(new DefinitionFile(path, DefinitionKind.Skill));
            }
            else if (folders.Any(f => path.StartsWith(f, StringComparison.Ordinal)))
            {
                files.Add(new DefinitionFile(path, DefinitionKind.Agent));
            }
            else if (LegacySkillFile().IsMatch(path))
            {
                files.Add(new DefinitionFile(path, DefinitionKind.LegacySkill));
            }
        }

        return (files, notes);
    }

    [GeneratedRegex("(^|/)skills/[^/]+/SKILL\\.md$")]
    private static partial Regex SkillFile();

    [GeneratedRegex("(^|/)skills/[^/]+\\.md$")]
    private static partial Regex LegacySkillFile();
}
