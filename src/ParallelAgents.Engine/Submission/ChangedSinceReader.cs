using System.Text.Json;
using System.Text.Json.Nodes;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces.Git;

namespace ParallelAgents.Engine.Submission;

/// <summary>
/// Reads the request's <c>changedSince</c>: a ref name or a commit sha to compare the workspace's commit with. Known
/// at submission: that it is a ref name, that there is a workspace, and that a path workspace is a git repository;
/// whether the base exists is known only when the coordinator resolves it (a failed job with the reason).
/// </summary>
internal static class ChangedSinceReader
{
    private const string Field = "changedSince";

    public static ChangeBase? Read(JsonObject root, WorkspaceRef? workspace, Dictionary<string, string[]> errors)
    {
        if (root[Field] is not { } node)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors[Field] = ["changedSince must be a string: a branch ('main', 'origin/main'), a tag, a full ref or a commit sha."];
            return null;
        }

        var reference = node.GetValue<string>();
        if (GitRefName.Check(reference) is { } error)
        {
            errors[Field] = [$"changedSince: {error}"];
            return null;
        }

        if (workspace is null && !errors.Keys.Any(k => k.StartsWith("workspace", StringComparison.Ordinal)))
        {
            errors[Field] = ["changedSince compares two commits of a git repository: give a workspace (workspace.git, or a path or upload with a .git folder)."];
            return null;
        }

        if (workspace?.Path is { } path && !LocalRepository.IsRepository(path, trusted: true))
        {
            errors[Field] = [$"changedSince needs a git repository, and the workspace path {path} has no .git at its root."];
            return null;
        }

        return new ChangeBase(GitRefName.IsCommitSha(reference) ? reference.ToLowerInvariant() : reference);
    }
}
