using Microsoft.Extensions.Options;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Engine.Workspaces.Git;

namespace ParallelAgents.Grains.Workspaces;

/// <summary>
/// Resolves local paths (checked again against the allowed roots on the silo that runs the work), uploads, and git
/// repositories (the URL checked again, the commit taken from this silo's checkout cache). A path or upload with a
/// <c>.git</c> folder is a repository too: its <c>HEAD</c> is recorded, and a diff-aware run compares with it.
/// </summary>
public sealed class WorkspaceResolver(
    IOptions<WorkspaceOptions> options, WorkspaceStore store, GitCheckoutCache checkouts, GitUrlPolicy gitPolicy, GitClient git, LocalRepository local)
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

        return reference is null || (reference.Path is null && reference.WorkspaceId is null)
            ? null
            : new Workspace(await LocalRootAsync(reference, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<WorkspaceRef?> PinAsync(WorkspaceRef? reference, CancellationToken cancellationToken)
    {
        var pinnedBefore = (reference?.Git?.Commit ?? reference?.Commit) is not null && reference?.ChangedSince is not { Commit: null };
        if (reference is null || pinnedBefore)
        {
            return reference;
        }

        if (reference.Git is { } source)
        {
            var (remote, error) = await gitPolicy.CheckAsync(source.Url, cancellationToken);
            if (remote is null)
            {
                throw new WorkspaceException(error!);
            }

            var pinned = source.Commit is null
                ? reference with { Git = source with { Commit = await git.ResolveCommitAsync(remote, source.Ref, cancellationToken) } }
                : reference;
            if (reference.ChangedSince is { Commit: null } change)
            {
                string baseCommit;
                try
                {
                    baseCommit = await git.ResolveBaseAsync(remote, change.Ref, cancellationToken);
                }
                catch (WorkspaceException e)
                {
                    throw new WorkspaceException($"changedSince: {e.Message}");
                }

                pinned = pinned with { ChangedSince = change with { Commit = baseCommit } };
            }

            return pinned;
        }

        if (reference.Path is null && reference.WorkspaceId is null)
        {
            return reference.ChangedSince is null ? reference : throw new WorkspaceException("changedSince needs a workspace that is a git repository.");
        }

        return await PinLocalAsync(reference, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WorkspaceChanges?> ChangesAsync(WorkspaceRef? reference, Workspace? workspace, CancellationToken cancellationToken)
    {
        if (reference?.ChangedSince is not { } change)
        {
            return null;
        }

        if (change.Commit is not { } baseCommit)
        {
            throw new WorkspaceException("changedSince: the base is not resolved; the job's coordinator resolves it before the assessment.");
        }

        if (reference.Git is { } source)
        {
            var commit = source.Commit ?? throw new WorkspaceException("The git workspace has no resolved commit.");
            return new WorkspaceChanges(change.Ref, baseCommit, commit, await checkouts.ChangedFilesAsync(source, baseCommit, cancellationToken));
        }

        var root = workspace?.RootPath ?? throw new WorkspaceException("changedSince needs a workspace that is a git repository.");
        var head = reference.Commit ?? throw new WorkspaceException("changedSince: the workspace's repository has no resolved commit.");
        return new WorkspaceChanges(change.Ref, baseCommit, head, await local.ChangedFilesAsync(root, baseCommit, head, cancellationToken));
    }

    // A path or upload: recorded at its HEAD when it is a repository; a base is resolved in that repository.
    private async Task<WorkspaceRef> PinLocalAsync(WorkspaceRef reference, CancellationToken cancellationToken)
    {
        var root = await LocalRootAsync(reference, cancellationToken);
        var what = reference.WorkspaceId is null ? $"The workspace path {reference.Path}" : "The uploaded workspace";
        var upload = reference.WorkspaceId is not null;
        var problem = !LocalRepository.IsRepository(root, trusted: !upload)
            ? $"changedSince needs a git repository: {what} has no .git folder at its root."
            : upload ? LocalRepository.CheckUpload(root) : null;
        if (problem is not null)
        {
            return reference.ChangedSince is null ? reference : throw new WorkspaceException(problem);
        }

        var head = await local.HeadAsync(root, cancellationToken);
        if (head is null)
        {
            return reference.ChangedSince is null ? reference : throw new WorkspaceException($"changedSince: {what} is a git repository without a commit at HEAD.");
        }

        var pinned = reference with { Commit = head };
        if (reference.ChangedSince is { Commit: null } change)
        {
            pinned = pinned with { ChangedSince = change with { Commit = await local.ResolveAsync(root, change.Ref, cancellationToken) } };
        }

        return pinned;
    }

    private async Task<string> LocalRootAsync(WorkspaceRef reference, CancellationToken cancellationToken)
    {
        if (reference.WorkspaceId is { } id)
        {
            return await store.MaterializeAsync(id, cancellationToken)
                ?? throw new WorkspaceException($"No uploaded workspace has id '{id}'.");
        }

        var (full, error) = WorkspacePathPolicy.Check(reference.Path, options.Value.EffectiveRoots());
        return full ?? throw new WorkspaceException(error!);
    }
}
