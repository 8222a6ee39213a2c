using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Scheduling;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Engine.Workspaces.Git;

namespace ParallelAgents.Engine.Submission;

/// <summary>
/// Turns a job request into a <see cref="JobSpec"/>, field by field so every error names the field it is about. The
/// HTTP API and the CLI's in-process runs both submit through it, so they accept and refuse the same requests with
/// the same messages.
/// </summary>
/// <param name="registry">The commands; a disabled one is refused with the setting that enables it.</param>
/// <param name="workspaceOptions">The roots a workspace path must lie under.</param>
/// <param name="uploads">Uploaded workspaces; without it a <c>workspaceId</c> is refused.</param>
/// <param name="git">Which repository URLs may be fetched; without it a <c>git</c> workspace is refused.</param>
public sealed partial class SubmissionService(
    CommandRegistry registry, IOptions<WorkspaceOptions> workspaceOptions, IUploadedWorkspaces? uploads = null, GitUrlPolicy? git = null)
{
    /// <summary>
    /// Reads a request shaped like
    /// <c>{"command": "...", "workspace": {"path": "..."} | {"workspaceId": "..."} | {"git": {"url": "...", "ref": "..."}}, "changedSince": "origin/main", "options": {...}, "priority": "normal"}</c>.
    /// </summary>
    /// <param name="body">The request.</param>
    /// <param name="owner">Who submits; the job is theirs.</param>
    /// <param name="admin">Whether the submitter may use anyone's upload; otherwise only their own.</param>
    /// <param name="cancellationToken">Stops the upload lookup.</param>
    public async Task<SubmissionResult> ReadAsync(JsonNode? body, string? owner, bool admin, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is not JsonObject root)
        {
            errors["body"] = ["The body must be a JSON object like {\"command\": \"synthetic\", \"options\": {\"items\": 10}}."];
            return new(null, errors);
        }

        foreach (var (name, _) in root)
        {
            if (name is not ("command" or "workspace" or "changedSince" or "options" or "priority"))
            {
                errors[name] = [$"Unknown field '{name}'. Fields: command, workspace, changedSince, options, priority."];
            }
        }

        var priority = ReadPriority(root["priority"], errors);

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
        else if (!command.Descriptor.Enabled)
        {
            errors["command"] = [$"The command '{command.Descriptor.Name}' is disabled on this service. {command.Descriptor.DisabledReason}"];
            command = null;
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
        if (ChangedSinceReader.Read(root, workspace, errors) is { } changedSince && workspace is not null)
        {
            workspace = workspace with { ChangedSince = changedSince };
        }

        if (errors.Count > 0 || command is null)
        {
            return new(null, errors);
        }

        var spec = new JobSpec(command.Descriptor.Name, workspace, options?.ToJsonString() ?? "{}", owner, DateTimeOffset.UtcNow) { Priority = priority };
        return new(spec, errors);
    }

    private async Task<WorkspaceRef?> ParseWorkspaceAsync(
        JsonNode? node, IAgentCommand? command, string? owner, bool admin, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (node is null)
        {
            if (command?.Descriptor.RequiresWorkspace == true)
            {
                errors["workspace"] = [$"The command '{command.Descriptor.Name}' needs a workspace: {{\"path\": \"...\"}}, {{\"workspaceId\": \"...\"}} or {{\"git\": {{\"url\": \"...\"}}}}."];
            }

            return null;
        }

        if (node is not JsonObject workspace)
        {
            errors["workspace"] = ["The workspace must be an object: {\"path\": \"...\"}, {\"workspaceId\": \"...\"} or {\"git\": {\"url\": \"...\"}}."];
            return null;
        }

        var path = workspace["path"];
        var id = workspace["workspaceId"];
        var gitNode = workspace["git"];
        foreach (var (name, _) in workspace)
        {
            if (name is not ("path" or "workspaceId" or "git"))
            {
                errors[$"workspace.{name}"] = [$"Unknown field '{name}'. Fields: path, workspaceId, git."];
            }
        }

        if (new[] { path, id, gitNode }.Count(n => n is not null) != 1)
        {
            errors["workspace"] = ["Give exactly one of workspace.path, workspace.workspaceId and workspace.git."];
            return null;
        }

        if (gitNode is not null)
        {
            var source = await GitWorkspaceReader.ReadAsync(gitNode, git, errors, cancellationToken);
            return source is null ? null : new WorkspaceRef(null, null) { Git = source };
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
        if (uploads is null)
        {
            errors["workspace.workspaceId"] = ["This host takes no uploaded workspaces; name a directory with workspace.path."];
            return null;
        }

        // Someone else's upload answers exactly like an unknown id, so ids cannot be probed.
        if (!await uploads.IsAvailableAsync(workspaceId, owner, admin, cancellationToken))
        {
            errors["workspace.workspaceId"] = [$"No uploaded workspace has id '{Truncate(workspaceId)}'. Upload one with POST /api/workspaces."];
            return null;
        }

        return new WorkspaceRef(null, workspaceId.ToLowerInvariant());
    }

    private static JobPriority ReadPriority(JsonNode? node, Dictionary<string, string[]> errors)
    {
        if (node is null)
        {
            return JobPriority.Normal;
        }

        if (node.GetValueKind() == JsonValueKind.String && Priorities.TryParse(node.GetValue<string>(), out var priority))
        {
            return priority;
        }

        var given = node.GetValueKind() == JsonValueKind.String ? $"'{Truncate(node.GetValue<string>())}'" : "not a string";
        errors["priority"] = [$"The priority must be one of {string.Join(", ", Priorities.Names)} (is {given})."];
        return JobPriority.Normal;
    }

    private static string Truncate(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
