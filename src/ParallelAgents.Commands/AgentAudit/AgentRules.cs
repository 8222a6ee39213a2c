using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>Every rule agent-audit checks, with its stable id, grouped by pack.</summary>
internal static class AgentRules
{
    /// <summary>Pack name of the official subagent format rules.</summary>
    public const string ClaudeCodePack = "claude-code";

    /// <summary>Pack name of the stricter house convention.</summary>
    public const string ClaudeConfigPack = "claude-config";

    // File-level rules: always on, whatever the packs.
    public static readonly RuleDescriptor FileTooLarge = new("AA001", "FileTooLarge", "The file is larger than the size limit (options.maxFileBytes) and was not read.", Severity.Medium);
    public static readonly RuleDescriptor EmptyFile = new("AA002", "EmptyFile", "The file is empty or holds only whitespace.", Severity.Medium);
    public static readonly RuleDescriptor BinaryFile = new("AA003", "BinaryFile", "The file holds binary data (NUL bytes) where a Markdown definition was expected.", Severity.Medium);
    public static readonly RuleDescriptor NotUtf8 = new("AA004", "NotUtf8", "The file is not valid UTF-8.", Severity.Medium);
    public static readonly RuleDescriptor MissingFrontmatter = new("AA005", "MissingFrontmatter", "The file does not start with YAML frontmatter between '---' lines.", Severity.High);
    public static readonly RuleDescriptor MalformedFrontmatter = new("AA006", "MalformedFrontmatter", "The frontmatter is not valid YAML or is not closed by a '---' line.", Severity.High);
    public static readonly RuleDescriptor FrontmatterNotMapping = new("AA007", "FrontmatterNotMapping", "The frontmatter is YAML but not a mapping of keys to values.", Severity.High);

    // claude-code: the official subagent format.
    public static readonly RuleDescriptor NameMissing = new("CC001", "NameMissing", "An agent needs a 'name'.", Severity.High);
    public static readonly RuleDescriptor NameInvalid = new("CC002", "NameInvalid", "An agent 'name' uses lowercase letters, digits and hyphens only.", Severity.High);
    public static readonly RuleDescriptor DescriptionMissing = new("CC003", "DescriptionMissing", "An agent needs a non-empty 'description'.", Severity.High);
    public static readonly RuleDescriptor NameNotFileStem = new("CC004", "NameNotFileStem", "An agent's 'name' equals its file name without '.md'.", Severity.Medium);
    public static readonly RuleDescriptor DuplicateName = new("CC005", "DuplicateAgentName", "Agent names are unique across the audited set.", Severity.High);
    public static readonly RuleDescriptor ToolsNotCommaString = new("CC006", "ToolsNotCommaSeparated", "'tools' is one comma-separated string ('Read, Grep, Glob').", Severity.Low);
    public static readonly RuleDescriptor UnknownTool = new("CC007", "UnknownTool", "'tools' names only known tools or mcp__server__tool patterns.", Severity.Medium);
    public static readonly RuleDescriptor InvalidModel = new("CC008", "InvalidModel", "'model' is sonnet, opus, haiku, inherit or a full model id.", Severity.Medium);
    public static readonly RuleDescriptor InvalidPermissionMode = new("CC009", "InvalidPermissionMode", "'permissionMode' is default, acceptEdits, dontAsk, bypassPermissions or plan.", Severity.Medium);
    public static readonly RuleDescriptor InvalidMemory = new("CC010", "InvalidMemory", "'memory' is user, project or local.", Severity.Medium);
    public static readonly RuleDescriptor UnknownKey = new("CC011", "UnknownFrontmatterKey", "Frontmatter keys are ones Claude Code (or an enabled pack) knows.", Severity.Low);
    public static readonly RuleDescriptor InvalidMaxTurns = new("CC012", "InvalidMaxTurns", "'maxTurns' is a positive whole number.", Severity.Medium);
    public static readonly RuleDescriptor BypassPermissions = new("CC013", "BypassPermissions", "'permissionMode: bypassPermissions' lets the agent act without any approval.", Severity.High);
    public static readonly RuleDescriptor UnrestrictedBashWithWrite = new("CC014", "UnrestrictedBashWithWrite", "Unrestricted 'Bash' together with 'Write' lets the agent write and run anything.", Severity.High);
    public static readonly RuleDescriptor SecretInFile = new("CC015", "SecretLikeString", "The definition contains a string that looks like a credential.", Severity.Critical);
    public static readonly RuleDescriptor AllToolsInherited = new("CC016", "AllToolsInherited", "Without 'tools' the agent inherits every tool, including Bash and Write.", Severity.Info);

    // claude-config: the stricter house convention.
    public static readonly RuleDescriptor RequiredFieldMissing = new("CFG001", "RequiredFieldMissing", "name, description, tools, model, category and color are all present.", Severity.High);
    public static readonly RuleDescriptor FieldOrder = new("CFG002", "FieldOrder", "Fields come in the order name, description, tools, model, category, color.", Severity.Low);
    public static readonly RuleDescriptor ModelNotAllowed = new("CFG003", "ModelNotAllowed", "'model' is opus, sonnet or haiku.", Severity.Medium);
    public static readonly RuleDescriptor ColorNotAllowed = new("CFG004", "ColorNotAllowed", "'color' is blue, green, red, purple, yellow, orange, brown, cyan or pink.", Severity.Medium);
    public static readonly RuleDescriptor UnknownCategory = new("CFG005", "UnknownCategory", "'category' is one of the known categories.", Severity.Medium);
    public static readonly RuleDescriptor ColorCategoryMismatch = new("CFG006", "ColorCategoryMismatch", "'color' is the colour of the agent's category.", Severity.Medium);
    public static readonly RuleDescriptor CategoryOverLimit = new("CFG007", "CategoryOverLimit", "A category has at most options.maxAgentsPerCategory agents (default 7).", Severity.Medium);
    public static readonly RuleDescriptor DescriptionMultiline = new("CFG008", "DescriptionMultiline", "'description' is one line.", Severity.Medium);
    public static readonly RuleDescriptor DescriptionTooLong = new("CFG009", "DescriptionTooLong", "'description' is at most 350 characters.", Severity.Medium);
    public static readonly RuleDescriptor DescriptionNoTrigger = new("CFG010", "DescriptionNoTrigger", "'description' contains 'MUST BE USED', 'Use PROACTIVELY', 'Expert' or 'Specializes'.", Severity.Low);
    public static readonly RuleDescriptor MustBeUsedWithoutTriggers = new("CFG011", "MustBeUsedWithoutTriggers", "A description that says 'MUST BE USED' also says 'Triggers on'.", Severity.Low);
    public static readonly RuleDescriptor ThinkingPair = new("CFG012", "ThinkingPair", "'thinking-level' and 'thinking-tokens' come together with matching values.", Severity.Medium);
    public static readonly RuleDescriptor ForbiddenKey = new("CFG013", "ForbiddenKey", "Keys the convention forbids are absent.", Severity.Medium);
    public static readonly RuleDescriptor MissingSection = new("CFG014", "MissingSection", "The body has the required '##' sections.", Severity.Medium);
    public static readonly RuleDescriptor MissingOrchestrationSentence = new("CFG015", "MissingOrchestrationSentence", "The body says 'Only Claude has orchestration authority'.", Severity.Medium);
    public static readonly RuleDescriptor TaskTool = new("CFG016", "TaskToolGranted", "No agent has the 'Task' tool: only Claude orchestrates.", Severity.High);
    public static readonly RuleDescriptor BodyLength = new("CFG017", "BodyLength", "The body is between options.minBodyLines and options.maxBodyLines lines (default 40-65).", Severity.Low);

    // Skills: always checked on skill files.
    public static readonly RuleDescriptor SkillNameMissing = new("SK001", "SkillNameMissing", "A skill needs a 'name'.", Severity.High);
    public static readonly RuleDescriptor SkillNameInvalid = new("SK002", "SkillNameInvalid", "A skill 'name' is 1-64 characters of [a-z0-9-] without leading, trailing or double hyphens.", Severity.High);
    public static readonly RuleDescriptor SkillNameNotDirectory = new("SK003", "SkillNameNotDirectory", "A skill's 'name' equals its directory name (legacy flat skills: the file name).", Severity.Medium);
    public static readonly RuleDescriptor SkillDescriptionMissing = new("SK004", "SkillDescriptionMissing", "A skill needs a non-empty 'description'.", Severity.High);
    public static readonly RuleDescriptor SkillDescriptionTooLong = new("SK005", "SkillDescriptionTooLong", "A skill 'description' is at most 1024 characters.", Severity.Medium);
    public static readonly RuleDescriptor SkillUnknownKey = new("SK006", "SkillUnknownKey", "Skill frontmatter uses only the allowed keys.", Severity.Medium);
    public static readonly RuleDescriptor SkillContextInvalid = new("SK007", "SkillContextInvalid", "A skill's 'context' is 'fork'.", Severity.Medium);
    public static readonly RuleDescriptor SkillMissingReference = new("SK008", "SkillMissingReference", "Files a skill references under scripts/, references/ or assets/ exist.", Severity.Medium);
    public static readonly RuleDescriptor SkillUnknownAgent = new("SK009", "SkillUnknownAgent", "A skill's 'agent' names an agent of the audited set.", Severity.Medium);
    public static readonly RuleDescriptor DuplicateSkillName = new("SK010", "DuplicateSkillName", "Skill names are unique across the audited set.", Severity.High);

    /// <summary>File-level rules.</summary>
    public static IReadOnlyList<RuleDescriptor> FileRules { get; } =
        [FileTooLarge, EmptyFile, BinaryFile, NotUtf8, MissingFrontmatter, MalformedFrontmatter, FrontmatterNotMapping];

    /// <summary>The claude-code pack.</summary>
    public static IReadOnlyList<RuleDescriptor> ClaudeCodeRules { get; } =
    [
        NameMissing, NameInvalid, DescriptionMissing, NameNotFileStem, DuplicateName, ToolsNotCommaString, UnknownTool, InvalidModel,
        InvalidPermissionMode, InvalidMemory, UnknownKey, InvalidMaxTurns, BypassPermissions, UnrestrictedBashWithWrite, SecretInFile, AllToolsInherited,
    ];

    /// <summary>The claude-config pack.</summary>
    public static IReadOnlyList<RuleDescriptor> ClaudeConfigRules { get; } =
    [
        RequiredFieldMissing, FieldOrder, ModelNotAllowed, ColorNotAllowed, UnknownCategory, ColorCategoryMismatch, CategoryOverLimit, DescriptionMultiline,
        DescriptionTooLong, DescriptionNoTrigger, MustBeUsedWithoutTriggers, ThinkingPair, ForbiddenKey, MissingSection, MissingOrchestrationSentence, TaskTool, BodyLength,
    ];

    /// <summary>The skill rules.</summary>
    public static IReadOnlyList<RuleDescriptor> SkillRules { get; } =
    [
        SkillNameMissing, SkillNameInvalid, SkillNameNotDirectory, SkillDescriptionMissing, SkillDescriptionTooLong, SkillUnknownKey, SkillContextInvalid,
        SkillMissingReference, SkillUnknownAgent, DuplicateSkillName,
    ];

    /// <summary>Every rule.</summary>
    public static IReadOnlyList<RuleDescriptor> All { get; } = [.. FileRules, .. ClaudeCodeRules, .. ClaudeConfigRules, .. SkillRules];

    /// <summary>The rules a job with these packs checks.</summary>
    public static IReadOnlyList<RuleDescriptor> For(AgentAuditOptions options) =>
        [.. FileRules, .. options.ClaudeCode ? ClaudeCodeRules : [], .. options.ClaudeConfig ? ClaudeConfigRules : [], .. SkillRules];
}
