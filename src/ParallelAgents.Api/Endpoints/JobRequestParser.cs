using System.Text.Json;
using System.Text.Json.Nodes;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Grains.Workspaces;

namespace ParallelAgents.Api.Endpoints;

/// <summary>Reads a job submission field by field so every error names the field it is about.</summary>
public sealed class JobRequestParser(CommandRegistry registry, Microsoft.Extensions.Options.IOptions<WorkspaceOptions> workspaceOptions, WorkspaceStore store)
{
    /// <summary>The spec, or the errors keyed by field.</summary>
    /// <remarks>An uploaded workspace is accepted only from the identity that uploaded it, unless <paramref name="admin"/>.</remarks>
    public async Task<(JobSpec? Spec, Dictionary<string, string[]> Errors)> ParseAsync(JsonNode? body, string? owner, bool admin, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is not JsonObject root)
        {
            errors["body"] = ["The body must be a JSON object like {\"command\": \"synthetic\", \"options\": {\"items\": 10}}."];
            return (null, errors);
        }

        foreach (var (name, _) in root)
        {
            if (name is not ("command" or "workspace" or "options"))
            {
                errors[name] = [$"Unknown field '{name}'. Fields: command, workspace, options."];
            }
        }

        IAgentCommand? command = null;
        var commandNode = root["command"];
        if (commandNode is null)
        {
            errors["command"] = [$"The command is required. Valid commands: {string.Join(", ", registry.Names)}."];
        }
        else if (commandNode.GetValueKind() != JsonValueKind.String)
        {
            errors["command"] = ["The command must be a string."];
        }
        else if (!registry.TryGet(commandNode.GetValue<string>(), out command))
        {
            errors["command"] = [$"Unknown command '{Truncate(commandNode.GetValue<string>())}'. Valid commands: {string.Join(", ", registry.Names)}."];
        }

        JsonObject? options = null;
        var optionsNode = root["options"];
        if (optionsNode is not null && optionsNode is not JsonObject)
        {
            errors["options"] = ["The options must be a JSON object."];
        }
        else
        {
            options = optionsNode as JsonObject;
        }

        if (command is not null && options is not null)
        {
            foreach (var error in OptionValidator.Validate(command.Descriptor, options))
            {
                errors[error.Field] = [error.Message];
            }
        }

        var workspace = await ParseWorkspaceAsync(root["workspace"], command, owner, admin, errors, cancellationToken);
        if (errors.Count > 0 || command is null)
        {
            return (null, errors);
        }

        var spec = new JobSpec(command.Descriptor.Name, workspace, options?.ToJsonString() ?? "{}", owner, DateTimeOffset.UtcNow);
        return (spec, errors);
    }

    private async Task<WorkspaceRef?> ParseWorkspaceAsync(
        JsonNode? node, IAgentCommand? command, string? owner, bool admin, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (node is null)
        {
            if (command?.Descriptor.RequiresWorkspace == true)
            {
                errors["workspace"] = [$"The command '{command.Descriptor.Name}' needs a workspace: {{\"path\": \"...\"}} or {{\"workspaceId\": \"...\"}}."];
            }

            return null;
        }

        if (node is not JsonObject workspace)
        {
            errors["workspace"] = ["The workspace must be an object: {\"path\": \"...\"} or {\"workspaceId\": \"...\"}."];
            return null;
        }

        var path = workspace["path"];
        var id = workspace["workspaceId"];
        foreach (var (name, _) in workspace)
        {
            if (name is not ("path" or "workspaceId"))
            {
                errors[$"workspace.{name}"] = [$"Unknown field '{name}'. Fields: path, workspaceId."];
            }
        }

        if ((path is null) == (id is null))
        {
            errors["workspace"] = ["Give exactly one of workspace.path and workspace.workspaceId."];
            return null;
        }

        if (path is not null)
        {
            if (path.GetValueKind() != JsonValueKind.String)
            {
                errors["workspace.path"] = ["The path must be a string."];
                return null;
            }

            var (full, error) = WorkspacePathPolicy.Check(path.GetValue<string>(), workspaceOptions.Value.EffectiveRoots());
            if (full is null)
            {
                errors["workspace.path"] = [error!];
                return null;
            }

            return new WorkspaceRef(full, null);
        }

        if (id!.GetValueKind() != JsonValueKind.String)
        {
            errors["workspace.workspaceId"] = ["The workspace id must be a string."];
            return null;
        }

        var workspaceId = id.GetValue<string>();
        // Someone else's upload answers exactly like an unknown id, so ids cannot be probed.
        if (await store.MaterializeAsync(workspaceId, cancellationToken) is null
            || (!admin && !await store.BelongsToAsync(workspaceId, owner, cancellationToken)))
        {
            errors["workspace.workspaceId"] = [$"No uploaded workspace has id '{Truncate(workspaceId)}'. Upload one with POST /api/workspaces."];
            return null;
        }

        return new WorkspaceRef(null, workspaceId.ToLowerInvariant());
    }

    private static string Truncate(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
