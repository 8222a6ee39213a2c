using System.Globalization;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>Rules over the whole audited set, run once in aggregation.</summary>
internal static class CrossFileChecks
{
    /// <summary>Duplicate agent and skill names, agents per category, skills naming agents that do not exist.</summary>
    public static IEnumerable<Finding> Run(IReadOnlyList<AuditItemData> data, AgentAuditOptions options)
    {
        var agents = data.Where(d => d.Readable && d.Kind == "agent").ToArray();
        var skills = data.Where(d => d.Readable && d.Kind != "agent").ToArray();
        var findings = new List<Finding>();
        if (options.ClaudeCode)
        {
            findings.AddRange(Duplicates(agents, AgentRules.DuplicateName, "Agent"));
        }

        findings.AddRange(Duplicates(skills, AgentRules.DuplicateSkillName, "Skill"));
        if (options.ClaudeConfig)
        {
            foreach (var group in agents.Where(a => a.Category is not null).GroupBy(a => a.Category!, StringComparer.Ordinal))
            {
                var members = group.OrderBy(a => a.Path, StringComparer.Ordinal).ToArray();
                foreach (var extra in members.Skip(options.MaxAgentsPerCategory))
                {
                    findings.Add(FileFinding.Of(
                        AgentRules.CategoryOverLimit,
                        string.Create(CultureInfo.InvariantCulture, $"Category '{group.Key}' has {members.Length} agents, over the limit of {options.MaxAgentsPerCategory}; merge this agent into another or move it to a different category."),
                        extra.Path,
                        extra.CategoryLine));
                }
            }
        }

        var agentNames = agents.Select(a => a.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var skill in skills.Where(s => s.Agent is not null && !agentNames.Contains(s.Agent)))
        {
            findings.Add(FileFinding.Of(
                AgentRules.SkillUnknownAgent,
                $"'agent: {skill.Agent}' names no agent of the audited set; fix the name or add the agent definition.",
                skill.Path,
                skill.AgentLine));
        }

        return findings;
    }

    private static IEnumerable<Finding> Duplicates(IEnumerable<AuditItemData> items, RuleDescriptor rule, string what)
    {
        foreach (var group in items.Where(i => i.Name is not null).GroupBy(i => i.Name!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var paths = group.Select(i => i.Path).Order(StringComparer.Ordinal).ToArray();
            foreach (var item in group)
            {
                var others = string.Join(", ", paths.Where(p => p != item.Path));
                yield return FileFinding.Of(rule, $"{what} name '{group.Key}' is also used by {others}; give each a unique name.", item.Path, item.NameLine);
            }
        }
    }
}
