using Microsoft.Extensions.Options;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Engine.Workspaces.Git;

namespace ParallelAgents.Grains.Workspaces;

/// <summary>
/// Resolves local paths (checked again against the allowed roots on the silo that runs the work), uploads, and git
/// repositories (the URL checked again, the commit taken from this silo's checkout cache).
/// </summary>
public sealed class WorkspaceResolver(IOptions<WorkspaceOptions> options, WorkspaceStore store, GitCheckoutCache checkouts, GitUrlPolicy gitPolicy, GitClient git)
    : IWorkspaceResolver
{
    /// <inheritdoc />
    public async Task<Workspace?> ResolveAsync(WorkspaceRef? reference, CancellationToken cancellationToken)
    {
        if (reference?.Git is { } source)
        {
            var checkout = await checkouts.AcquireAsync(source, cancellationToken);
            return new Workspace(checkout.Folder, checkout.Release);
        }

        if (reference is null || (reference.Path is null && reference.WorkspaceId is null))
        {
            return null;
        }

        if (reference.WorkspaceId is { } id)
        {
            var folder = await store.MaterializeAsync(id, cancellationToken)
                ?? throw new WorkspaceException($"No uploaded workspace has id '{id}'.");
            return new Workspace(folder);
        }

        var (full, error) = WorkspacePathPolicy.Check(reference.Path, options.Value.EffectiveRoots());
        return full is null ? throw new WorkspaceException(error!) : new Workspace(full);
    }

    /// <inheritdoc />
    public async Task<WorkspaceRef?> PinAsync(WorkspaceRef? reference, CancellationToken cancellationToken)
    {
        if (reference?.Git is not { Commit: null } source)
        {
            return reference;
        }

        var (remote, error) = await gitPolicy.CheckAsync(source.Url, cancellationToken);
        if (remote is null)
        {
            throw new WorkspaceException(error!);
        }

        var commit = await git.ResolveCommitAsync(remote, source.Ref, cancellationToken);
        return reference with { Git = source with { Commit = commit } };
    }
}
