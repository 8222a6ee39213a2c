using ParallelAgents.Commands.AgentAudit;
using ParallelAgents.Engine.Workspaces;
using YamlDotNet.RepresentationModel;

namespace ParallelAgents.Commands.Agent;

/// <summary>Finds an agent definition in the workspace (<c>.claude/agents</c>, <c>system-configs/.claude/agents</c>, a named file) or among the built-in ones.</summary>
public static class AgentCatalog
{
    /// <summary>Folders searched for definitions, in order.</summary>
    public static IReadOnlyList<string> Folders { get; } = [".claude/agents/", "system-configs/.claude/agents/"];

    /// <summary>The definition named <paramref name="name"/> (or the one in <paramref name="agentFile"/>), or null and why it cannot be used.</summary>
    public static (AgentDefinition? Agent, string? Error) Find(Workspace? workspace, string? name, string? agentFile)
    {
        if (!string.IsNullOrWhiteSpace(agentFile))
        {
            if (workspace is null)
            {
                return (null, "options.agentFile needs a workspace.");
            }

            string full;
            try
            {
                full = workspace.FullPath(agentFile);
            }
            catch (UnauthorizedAccessException)
            {
                return (null, $"options.agentFile '{agentFile}' is outside the workspace.");
            }

            if (!File.Exists(full))
            {
                return (null, $"options.agentFile '{agentFile}' does not exist in the workspace.");
            }

            var (agent, error) = Read(File.ReadAllText(full), workspace.Relative(full));
            return agent is null ? (null, error) : (agent, null);
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, "Name the agent with options.agent (a workspace definition or one of the built-in ones: " + string.Join(", ", BuiltInAgents.All.Select(a => a.Name)) + ") or give options.agentFile.");
        }

        var problems = new List<string>();
        if (workspace is not null)
        {
            foreach (var path in workspace.EnumerateFiles().Where(IsDefinitionPath))
            {
                string text;
                try
                {
                    text = File.ReadAllText(workspace.FullPath(path));
                }
                catch (IOException e)
                {
                    problems.Add($"{path}: {e.Message}");
                    continue;
                }

                var (agent, error) = Read(text, path);
                if (agent is null)
                {
                    problems.Add(error!);
                }
                else if (agent.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return (agent, null);
                }
            }
        }

        var builtIn = BuiltInAgents.All.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (builtIn is not null)
        {
            return (builtIn, null);
        }

        var unreadable = problems.Count == 0 ? "" : $" {problems.Count} definition file(s) could not be read: {string.Join("; ", problems.Take(5))}.";
        return (null, $"Unknown agent '{name}': no definition under {string.Join(" or ", Folders)} has that name, and the built-in agents are {string.Join(", ", BuiltInAgents.All.Select(a => a.Name))}.{unreadable}");
    }

    /// <summary>The definition in <paramref name="text"/>, or why it cannot be read.</summary>
    public static (AgentDefinition? Agent, string? Error) Read(string text, string source)
    {
        var (document, problem) = AgentDocumentParser.Parse(text, source);
        if (document is null)
        {
            return (null, $"{source}: {problem!.Message}");
        }

        var name = document.Scalar("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, $"{source}: the frontmatter has no 'name'.");
        }

        if (string.IsNullOrWhiteSpace(document.Body))
        {
            return (null, $"{source}: the definition has no body to use as the system prompt.");
        }

        var tools = document.Get("tools")?.Value switch
        {
            YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value) => s.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            YamlSequenceNode q => q.Children.OfType<YamlScalarNode>().Select(c => c.Value ?? "").Where(v => v.Length > 0).ToArray(),
            _ => [],
        };
        return (new AgentDefinition(name.Trim(), document.Scalar("description") ?? "", document.Scalar("model"), tools, document.Body.Trim(), source), null);
    }

    private static bool IsDefinitionPath(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && Folders.Any(f => path.StartsWith(f, StringComparison.Ordinal));
}
