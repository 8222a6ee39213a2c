namespace ParallelAgents.Commands.AgentAudit;

/// <summary>What kind of definition a file is.</summary>
internal enum DefinitionKind
{
    /// <summary>A Claude Code subagent definition.</summary>
    Agent,

    /// <summary>A skill: <c>skills/&lt;name&gt;/SKILL.md</c>.</summary>
    Skill,

    /// <summary>A legacy flat skill: <c>skills/&lt;name&gt;.md</c>.</summary>
    LegacySkill,
}
