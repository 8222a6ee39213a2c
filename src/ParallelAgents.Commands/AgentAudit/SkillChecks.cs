using System.Globalization;
using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>Rules for skills (<c>skills/&lt;name&gt;/SKILL.md</c> and legacy <c>skills/&lt;name&gt;.md</c>).</summary>
internal static partial class SkillChecks
{
    /// <summary>Keys a skill's frontmatter may hold.</summary>
    public static IReadOnlySet<string> AllowedKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "description", "category", "context", "agent", "user-invocable", "disable-model-invocation", "allowed-tools",
        "argument-hint", "model", "hooks", "license", "compatibility", "metadata",
    };

    /// <summary>Runs the skill rules on a skill file.</summary>
    public static void Run(FileAudit audit)
    {
        var doc = audit.Document;
        var expectedName = audit.Kind == DefinitionKind.Skill ? audit.DirectoryName : audit.FileStem;
        var name = doc.Get("name");
        if (name is null || name.IsBlank)
        {
            audit.Add(AgentRules.SkillNameMissing, $"Add 'name: {expectedName}' to the frontmatter.", name?.Line ?? 1);
        }
        else if (name.Scalar is not { } value || !IsValidName(value))
        {
            audit.Add(AgentRules.SkillNameInvalid, "Change 'name' to 1-64 characters of lowercase letters, digits and single hyphens, not starting or ending with a hyphen.", name.Line);
        }
        else if (value != expectedName)
        {
            var what = audit.Kind == DefinitionKind.Skill ? "directory" : "file";
            audit.Add(AgentRules.SkillNameNotDirectory, $"Set 'name: {expectedName}' to match the skill's {what} name, or rename the {what} to '{value}'.", name.Line);
            if (IsValidName(expectedName))
            {
                audit.Fixes.NewName = expectedName;
            }
        }

        var description = doc.Get("description");
        if (description is null || description.IsBlank || description.Scalar is null)
        {
            audit.Add(AgentRules.SkillDescriptionMissing, "Add a 'description' (1-1024 characters) saying what the skill does and when to use it.", description?.Line ?? 1);
        }
        else if (description.Scalar.Trim().Length > 1024)
        {
            audit.Add(AgentRules.SkillDescriptionTooLong, string.Create(CultureInfo.InvariantCulture, $"Shorten 'description' to at most 1024 characters (it has {description.Scalar.Trim().Length})."), description.Line);
        }

        foreach (var entry in doc.Entries.Where(e => !AllowedKeys.Contains(e.Key)))
        {
            audit.Add(AgentRules.SkillUnknownKey, $"Remove '{entry.Key}' or move it under 'metadata': skills allow only {string.Join(", ", AllowedKeys)}.", entry.Line);
        }

        if (doc.Get("context") is { } context && context.Scalar != "fork")
        {
            audit.Add(AgentRules.SkillContextInvalid, $"Set 'context: fork' or remove it (found '{context.Scalar}').", context.Line);
        }

        CheckReferences(audit);
    }

    /// <summary>1-64 characters of [a-z0-9-], no leading, trailing or double hyphen.</summary>
    public static bool IsValidName(string name) => name.Length is >= 1 and <= 64 && SkillName().IsMatch(name);

    private static void CheckReferences(FileAudit audit)
    {
        if (audit.Workspace is null)
        {
            return;
        }

        var folder = Path.GetDirectoryName(audit.Path)?.Replace('\\', '/') ?? "";
        var doc = audit.Document;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var i = doc.BodyStartIndex; i < doc.Lines.Count; i++)
        {
            foreach (Match m in Reference().Matches(doc.Lines[i]))
            {
                var relative = m.Groups["path"].Value.TrimEnd('.', ',', ';', ':', '!', '?');
                var target = folder.Length == 0 ? relative : $"{folder}/{relative}";
                if (!reported.Add(target) || Exists(audit, target))
                {
                    continue;
                }

                audit.Add(AgentRules.SkillMissingReference, $"The skill references '{relative}' but '{target}' does not exist; add the file or fix the reference.", i + 1);
            }
        }
    }

    private static bool Exists(FileAudit audit, string relative)
    {
        try
        {
            var full = audit.Workspace!.FullPath(relative);
            return File.Exists(full) || Directory.Exists(full);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException or IOException or NotSupportedException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SkillName();

    // A relative path starting with one of the three resource folders, not part of a URL or a longer path.
    [GeneratedRegex(@"(?<![\w/.:-])(?:\./)?(?<path>(?:scripts|references|assets)/[A-Za-z0-9_.\-/]*[A-Za-z0-9_\-])")]
    private static partial Regex Reference();
}
