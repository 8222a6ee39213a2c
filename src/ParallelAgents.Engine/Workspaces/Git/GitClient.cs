using Microsoft.Extensions.Options;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>
/// The two things a git workspace needs from a remote: which commit a ref names (asked once, by the coordinator),
/// and the files of exactly that commit (fetched by sha on each silo that lacks it). A fetch takes only the commit
/// (<c>--depth</c>, 1 unless the job asks for more history); with <c>paths</c> it is also a partial clone
/// (<c>--filter=blob:none</c>) with a sparse checkout, so blobs outside those paths are never downloaded.
/// </summary>
/// <param name="runner">Runs git safely.</param>
/// <param name="options">Credentials and the size limit of a checkout.</param>
public sealed class GitClient(GitRunner runner, IOptions<GitOptions> options)
{
    /// <summary>The full sha <paramref name="reference"/> names on the remote (HEAD when null). Throws <see cref="WorkspaceException"/>.</summary>
    public async Task<string> ResolveCommitAsync(GitRemote remote, string? reference, CancellationToken cancellationToken)
    {
        if (GitRefName.IsCommitSha(reference))
        {
            return reference!.ToLowerInvariant();
        }

        var candidates = reference is null or "HEAD" ? ["HEAD"]
            : reference.StartsWith("refs/", StringComparison.Ordinal) ? [reference]
            : new[] { "refs/heads/" + reference, "refs/tags/" + reference };
        // Patterns match whole names, so a tag's peeled entry ("^{}") is asked for by name too.
        var patterns = candidates.SelectMany(c => c.StartsWith("refs/heads/", StringComparison.Ordinal) ? [c] : new[] { c, c + "^{}" });
        var result = await runner.RunAsync(remote, null, ["ls-remote", "--", remote.Display, .. patterns], null, cancellationToken);
        if (!result.Succeeded)
        {
            throw Failure(remote, result, "list the refs of");
        }

        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && GitRefName.IsCommitSha(parts[0]))
            {
                refs[parts[1]] = parts[0].ToLowerInvariant();
            }
        }

        // An annotated tag names a tag object; its peeled entry ("^{}") is the commit.
        foreach (var name in candidates)
        {
            if (refs.TryGetValue(name + "^{}", out var peeled) || refs.TryGetValue(name, out peeled))
            {
                return peeled;
            }
        }

        throw new WorkspaceException(reference is null
            ? $"The repository {remote.Display} has no HEAD (is it empty?)."
            : $"The repository {remote.Display} has no branch, tag or ref '{reference}' (give a branch, a tag, a full ref such as refs/pull/7/head, or a full 40-character sha).");
    }

    /// <summary>
    /// Fetches <paramref name="source"/>'s commit into the empty folder <paramref name="folder"/> and checks it out;
    /// returns the folder's size in bytes. Throws <see cref="WorkspaceException"/>, also when it grows past
    /// <c>Workspaces:Git:MaxBytes</c>.
    /// </summary>
    public async Task<long> CheckoutAsync(GitRemote remote, GitSource source, string folder, CancellationToken cancellationToken)
    {
        var commit = source.Commit ?? throw new ArgumentException("The source's commit is not resolved.", nameof(source));
        var max = options.Value.MaxBytes;
        Directory.CreateDirectory(Path.Combine(folder, ".git", "info"));
        await RunAsync(remote, folder, ["init", "-q", "--template=", "."], "prepare a repository for", null, cancellationToken);
        await RunAsync(remote, folder, ["remote", "add", "origin", remote.Display], "prepare a repository for", null, cancellationToken);
        var partial = source.Paths.Count > 0;
        if (partial)
        {
            await RunAsync(remote, folder, ["config", "remote.origin.promisor", "true"], "prepare a repository for", null, cancellationToken);
            await RunAsync(remote, folder, ["config", "remote.origin.partialclonefilter", "blob:none"], "prepare a repository for", null, cancellationToken);
            await RunAsync(remote, folder, ["config", "core.sparseCheckout", "true"], "prepare a repository for", null, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, ".git", "info", "sparse-checkout"), GitPaths.SparsePatterns(source.Paths), cancellationToken);
        }

        string[] fetch = ["fetch", "-q", "--no-tags", "--no-write-fetch-head", $"--depth={Math.Max(1, source.Depth)}"];
        if (partial)
        {
            fetch = [.. fetch, "--filter=blob:none"];
        }

        await RunAsync(remote, folder, [.. fetch, "origin", commit], "fetch", () => SizeOf(folder) > max, cancellationToken);
        await RunAsync(remote, folder, ["checkout", "-q", "--detach", commit], "check out", () => SizeOf(folder) > max, cancellationToken);
        var head = await RunAsync(remote, folder, ["rev-parse", "HEAD"], "check out", null, cancellationToken);
        if (!string.Equals(head.Output.Trim(), commit, StringComparison.OrdinalIgnoreCase))
        {
            throw new WorkspaceException($"The checkout of {remote.Display} is at {head.Output.Trim()}, not at {commit}.");
        }

        var size = SizeOf(folder);
        return size > max ? throw TooLarge(remote, max) : size;
    }

    /// <summary>
    /// The full sha the base of a diff-aware run names on the remote: a sha as it is, a branch, tag or full ref as
    /// <see cref="ResolveCommitAsync"/> resolves it and, when the remote has no ref of that literal name, a
    /// remote-tracking name (<c>origin/main</c>): in a <c>file://</c> repository its own <c>refs/remotes/origin/main</c>,
    /// then the remote's branch <c>main</c>. Throws <see cref="WorkspaceException"/> with the first reason.
    /// </summary>
    public async Task<string> ResolveBaseAsync(GitRemote remote, string reference, CancellationToken cancellationToken)
    {
        var fallbacks = new List<string>();
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && slash < reference.Length - 1 && !reference.StartsWith("refs/", StringComparison.Ordinal))
        {
            if (remote.IsFile)
            {
                fallbacks.Add("refs/remotes/" + reference);
            }

            if (reference.StartsWith("origin/", StringComparison.Ordinal))
            {
                fallbacks.Add(reference[(slash + 1)..]);
            }
        }

        WorkspaceException first;
        try
        {
            return await ResolveCommitAsync(remote, reference, cancellationToken);
        }
        catch (WorkspaceException e) when (fallbacks.Count > 0)
        {
            first = e;
        }

        foreach (var fallback in fallbacks)
        {
            try
            {
                return await ResolveCommitAsync(remote, fallback, cancellationToken);
            }
            catch (WorkspaceException)
            {
                // The next form, or the first reason below.
            }
        }

        throw first;
    }

    /// <summary>
    /// The files changed between <paramref name="baseCommit"/> and the checkout's commit in <paramref name="folder"/>;
    /// the base is fetched into the checkout first (one commit, its trees without blobs) unless it is
    /// already there. Throws <see cref="WorkspaceException"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> ChangedFilesAsync(GitRemote remote, GitSource source, string folder, string baseCommit, CancellationToken cancellationToken)
    {
        var commit = source.Commit ?? throw new ArgumentException("The source's commit is not resolved.", nameof(source));
        var present = await runner.RunAsync(remote, folder, ["cat-file", "-e", baseCommit + "^{commit}"], null, cancellationToken);
        if (!present.Succeeded)
        {
            // Trees are all a name-status diff reads: the base comes without blobs (a server without partial fetch
            // sends them anyway), and only an inexact rename's candidates are fetched by the diff itself.
            string[] fetch = ["fetch", "-q", "--no-tags", "--no-write-fetch-head", "--depth=1", "--filter=blob:none"];
            var max = options.Value.MaxBytes;
            var fetched = await runner.RunAsync(remote, folder, [.. fetch, "origin", baseCommit], () => SizeOf(folder) > max, cancellationToken);
            if (fetched.Stopped)
            {
                throw TooLarge(remote, max);
            }

            if (!fetched.Succeeded)
            {
                throw new WorkspaceException($"changedSince: {Failure(remote, fetched, "fetch the base commit of").Message}");
            }
        }

        // Limited to the checked-out paths: a file outside them is not in the workspace, and its blobs need no fetch.
        var diff = await runner.RunAsync(remote, folder, GitDiff.Arguments(baseCommit, commit, source.Paths), null, cancellationToken);
        return diff.Succeeded
            ? [.. GitDiff.ChangedFiles(diff.Output).Where(f => GitDiff.IsIn(f, source.Paths))]
            : throw new WorkspaceException($"changedSince: git could not compare {baseCommit} with {commit} of {remote.Display}: {diff.LastErrorLine}");
    }

    /// <summary>Bytes of every file under <paramref name="folder"/>, without following links.</summary>
    public static long SizeOf(string folder)
    {
        try
        {
            return new DirectoryInfo(folder)
                .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true })
                .Sum(f => f.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private async Task<GitResult> RunAsync(
        GitRemote remote, string folder, IReadOnlyList<string> arguments, string action, Func<bool>? overLimit, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(remote, folder, arguments, overLimit, cancellationToken);
        return result.Stopped ? throw TooLarge(remote, options.Value.MaxBytes)
            : result.Succeeded ? result
            : throw Failure(remote, result, action);
    }

    private static WorkspaceException TooLarge(GitRemote remote, long max) =>
        new($"The checkout of {remote.Display} is larger than {max} bytes (Workspaces:Git:MaxBytes); name fewer paths or raise the limit.");

    private WorkspaceException Failure(GitRemote remote, GitResult result, string action)
    {
        var error = result.Error;
        var where = remote.IsFile ? remote.Display : remote.Host;
        if (Has(error, "returned error: 401", "returned error: 403", "Authentication failed", "could not read Username", "could not read Password"))
        {
            // The key is written with <host> and the host named apart: "Credentials:name:Token" reads as a secret to the masker.
            return new WorkspaceException(options.Value.CredentialFor(remote.Host) switch
            {
                null => $"The git server {where} asks for credentials and none are configured for it: set Workspaces:Git:Credentials:<host>:Token for host '{remote.Host}'.",
                { UseManagedIdentity: true } => $"The git server {where} refused the service's Microsoft Entra ID token (Workspaces:Git:Credentials:<host>:UseManagedIdentity for host '{remote.Host}'): check that the managed identity has access to {remote.Display}.",
                _ => $"The git server {where} refused the configured credentials: check the token in Workspaces:Git:Credentials:<host>:Token for host '{remote.Host}' and its access to {remote.Display}.",
            });
        }

        if (Has(error, "not our ref", "couldn't find remote ref", "no such remote ref", "unadvertised object", "reference is not a tree", "did not match any"))
        {
            return new WorkspaceException($"The repository {remote.Display} has no commit the job asked for: {result.LastErrorLine}");
        }

        if (Has(error, "Could not resolve host", "Failed to connect", "Connection refused", "Connection timed out"))
        {
            return new WorkspaceException($"The git server {where} could not be reached: {result.LastErrorLine}");
        }

        if (Has(error, "does not appear to be a git repository", "not found", "returned error: 404"))
        {
            return new WorkspaceException($"{remote.Display} is not a git repository the service can read: {result.LastErrorLine}");
        }

        return new WorkspaceException($"git could not {action} {remote.Display} (exit code {result.ExitCode}): {result.LastErrorLine}");
    }

    private static bool Has(string text, params string[] needles) => needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));
}
