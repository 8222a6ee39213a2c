using System.Text.Json;
using System.Text.Json.Nodes;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces.Git;

namespace ParallelAgents.Engine.Submission;

/// <summary>Reads <c>workspace.git</c> (<c>{"url", "ref", "depth", "paths"}</c>); every error names its field.</summary>
internal static class GitWorkspaceReader
{
    public const int MaxDepth = 100_000;

    public static async Task<GitSource?> ReadAsync(JsonNode? node, GitUrlPolicy? policy, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (node is not JsonObject git)
        {
            errors["workspace.git"] = ["The git workspace must be an object: {\"url\": \"https://...\", \"ref\": \"main\"}."];
            return null;
        }

        if (policy is null)
        {
            errors["workspace.git"] = ["This host takes no git workspaces; name a directory with workspace.path."];
            return null;
        }

        var before = errors.Count;
        foreach (var (name, _) in git)
        {
            if (name is not ("url" or "ref" or "depth" or "paths"))
            {
                errors[$"workspace.git.{name}"] = [$"Unknown field '{name}'. Fields: url, ref, depth, paths."];
            }
        }

        string? url = null;
        if (git["url"] is not { } urlNode)
        {
            errors["workspace.git.url"] = ["The repository URL is required, e.g. https://github.com/owner/repo.git."];
        }
        else if (urlNode.GetValueKind() != JsonValueKind.String)
        {
            errors["workspace.git.url"] = ["The URL must be a string."];
        }
        else
        {
            var (remote, error) = await policy.CheckAsync(urlNode.GetValue<string>(), cancellationToken);
            if (remote is null)
            {
                errors["workspace.git.url"] = [error!];
            }
            else
            {
                url = remote.Display;
            }
        }

        var reference = ReadRef(git["ref"], errors);
        var depth = ReadDepth(git["depth"], errors);
        var paths = ReadPaths(git["paths"], errors);
        return errors.Count > before || url is null ? null : new GitSource(url, reference) { Depth = depth, Paths = paths };
    }

    private static string? ReadRef(JsonNode? node, Dictionary<string, string[]> errors)
    {
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors["workspace.git.ref"] = ["The ref must be a string: a branch, a tag, a full ref (refs/pull/7/head) or a commit sha."];
            return null;
        }

        var reference = node.GetValue<string>();
        if (GitRefName.Check(reference) is { } error)
        {
            errors["workspace.git.ref"] = [error];
            return null;
        }

        return GitRefName.IsCommitSha(reference) ? reference.ToLowerInvariant() : reference;
    }

    private static int ReadDepth(JsonNode? node, Dictionary<string, string[]> errors)
    {
        if (node is null)
        {
            return 1;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<int>(out var depth) || depth is < 1 or > MaxDepth)
        {
            errors["workspace.git.depth"] = [$"The depth must be a whole number of commits from 1 to {MaxDepth} (1 = only the commit itself)."];
            return 1;
        }

        return depth;
    }

    private static IReadOnlyList<string> ReadPaths(JsonNode? node, Dictionary<string, string[]> errors)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array || array.Count > GitPaths.MaxCount || array.Any(p => p?.GetValueKind() != JsonValueKind.String))
        {
            errors["workspace.git.paths"] = [$"The paths must be an array of at most {GitPaths.MaxCount} strings, like [\"src/\", \"README.md\"]."];
            return [];
        }

        var paths = new List<string>();
        foreach (var item in array)
        {
            var (path, error) = GitPaths.Normalize(item!.GetValue<string>());
            if (path is null)
            {
                errors["workspace.git.paths"] = [error!];
                return [];
            }

            paths.Add(path);
        }

        return [.. paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
