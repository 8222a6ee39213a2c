using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>The job options agent-audit reads, with their defaults.</summary>
internal sealed record AgentAuditOptions(
    bool ClaudeCode,
    bool ClaudeConfig,
    bool Fix,
    IReadOnlyList<string> Paths,
    int MinBodyLines,
    int MaxBodyLines,
    long MaxFileBytes,
    int MaxAgentsPerCategory)
{
    public const string RulePacksName = "rulePacks";
    public const string FixName = "fix";
    public const string PathsName = "paths";
    public const string MinBodyLinesName = "minBodyLines";
    public const string MaxBodyLinesName = "maxBodyLines";
    public const string MaxFileBytesName = "maxFileBytes";
    public const string MaxAgentsPerCategoryName = "maxAgentsPerCategory";

    public const int DefaultMinBodyLines = 40;
    public const int DefaultMaxBodyLines = 65;
    public const long DefaultMaxFileBytes = 1024 * 1024;
    public const int DefaultMaxAgentsPerCategory = 7;

    /// <summary>Defaults: both packs, no fixes.</summary>
    public static AgentAuditOptions Default { get; } = From(CommandOptions.Empty);

    /// <summary>The options as declared to the engine (validated at submission).</summary>
    public static IReadOnlyList<CommandOption> Declared { get; } =
    [
        new(RulePacksName, OptionType.StringList, "Rule packs to check.", "[\"claude-code\", \"claude-config\"]", AllowedValues: [AgentRules.ClaudeCodePack, AgentRules.ClaudeConfigPack]),
        new(FixName, OptionType.Boolean, "Return safe fixes as a unified diff per file in the report (the workspace is never written).", "false"),
        new(PathsName, OptionType.StringList, "Extra workspace folders whose .md files are agent definitions.", "[]"),
        new(MinBodyLinesName, OptionType.Integer, "Fewest body lines an agent may have (claude-config).", "40", 0, 100_000),
        new(MaxBodyLinesName, OptionType.Integer, "Most body lines an agent may have (claude-config); complex agents may need up to 500.", "65", 1, 100_000),
        new(MaxFileBytesName, OptionType.Integer, "Files larger than this many bytes are reported and not read.", "1048576", 1, 1L << 31),
        new(MaxAgentsPerCategoryName, OptionType.Integer, "Most agents one category may hold (claude-config).", "7", 1, 100_000),
    ];

    /// <summary>Reads the options of a job.</summary>
    public static AgentAuditOptions From(CommandOptions options)
    {
        var packs = options.GetStringList(RulePacksName, [AgentRules.ClaudeCodePack, AgentRules.ClaudeConfigPack]);
        return new AgentAuditOptions(
            packs.Contains(AgentRules.ClaudeCodePack, StringComparer.Ordinal),
            packs.Contains(AgentRules.ClaudeConfigPack, StringComparer.Ordinal),
            options.GetBool(FixName, false),
            options.GetStringList(PathsName),
            options.GetInt(MinBodyLinesName, DefaultMinBodyLines),
            options.GetInt(MaxBodyLinesName, DefaultMaxBodyLines),
            (long)options.GetDouble(MaxFileBytesName, DefaultMaxFileBytes),
            options.GetInt(MaxAgentsPerCategoryName, DefaultMaxAgentsPerCategory));
    }

    /// <summary>The enabled pack names.</summary>
    public IReadOnlyList<string> PackNames =>
        [.. ClaudeCode ? [AgentRules.ClaudeCodePack] : Array.Empty<string>(), .. ClaudeConfig ? [AgentRules.ClaudeConfigPack] : Array.Empty<string>()];
}
