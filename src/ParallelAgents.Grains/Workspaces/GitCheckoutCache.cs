using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Engine.Workspaces.Git;

namespace ParallelAgents.Grains.Workspaces;

/// <summary>
/// This silo's checkouts of git workspaces, one folder per repository, commit and paths, shared by every job that
/// names them. A checkout is made in a staging folder and published by renaming it into place, under a lock per
/// checkout that holds across processes sharing the folder, so two jobs materialising the same commit fetch it once.
/// Beyond <c>Workspaces:Git:CacheBytes</c> the least recently used checkouts that no job on this silo holds are removed.
/// </summary>
/// <param name="options">Cache folder and bound.</param>
/// <param name="policy">Checks the URL again on this silo before fetching.</param>
/// <param name="git">Fetches and checks out.</param>
/// <param name="logger">Fetches and evictions.</param>
public sealed partial class GitCheckoutCache(IOptions<GitOptions> options, GitUrlPolicy policy, GitClient git, ILogger<GitCheckoutCache> logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _leases = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();
    private long _fetches;

    /// <summary>Checkouts this silo fetched since it started (a cache hit fetches nothing).</summary>
    public long Fetches => Interlocked.Read(ref _fetches);

    private string Root => options.Value.EffectiveCacheRoot();

    /// <summary>
    /// The folder of <paramref name="source"/>'s commit, fetched on first use; it is not evicted until the returned
    /// lease is released. Throws <see cref="WorkspaceException"/>.
    /// </summary>
    public async Task<GitCheckout> AcquireAsync(GitSource source, CancellationToken cancellationToken)
    {
        if (source.Commit is not { } commit || !GitRefName.IsCommitSha(commit))
        {
            throw new WorkspaceException("The git workspace has no resolved commit; the job's coordinator resolves it before any work starts.");
        }

        var (remote, error) = await policy.CheckAsync(source.Url, cancellationToken);
        if (remote is null)
        {
            throw new WorkspaceException(error!);
        }

        var key = Key(remote, source);
        var folder = Path.Combine(Root, "checkouts", key);
        Lease(key);
        try
        {
            if (!Directory.Exists(folder))
            {
                await MaterializeAsync(remote, source, key, folder, cancellationToken);
            }

            Touch(key);
            return new GitCheckout(folder, () => Release(key));
        }
        catch
        {
            Release(key);
            throw;
        }
    }

    /// <summary>
    /// The files changed between <paramref name="baseCommit"/> and <paramref name="source"/>'s commit, whose checkout
    /// the caller holds (<see cref="AcquireAsync"/>): the base is fetched into that checkout's repository once, under
    /// the checkout's lock, so jobs comparing with different bases do not fetch into it at the same time.
    /// Throws <see cref="WorkspaceException"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> ChangedFilesAsync(GitSource source, string baseCommit, CancellationToken cancellationToken)
    {
        var (remote, error) = await policy.CheckAsync(source.Url, cancellationToken);
        if (remote is null)
        {
            throw new WorkspaceException(error!);
        }

        var key = Key(remote, source);
        var folder = Path.Combine(Root, "checkouts", key);
        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var fileLock = await LockFileAsync(key, cancellationToken);
            if (!Directory.Exists(folder))
            {
                throw new WorkspaceException($"The checkout of {remote.Display} at {source.Commit} is no longer in this silo's cache.");
            }

            var files = await git.ChangedFilesAsync(remote, source, folder, baseCommit, cancellationToken);

            // The base's objects count towards the checkout's size from now on.
            await File.WriteAllTextAsync(SizePath(key), GitClient.SizeOf(folder).ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
            return files;
        }
        finally
        {
            gate.Release();
        }
    }

    // The URL is part of the key: a commit fetched from one repository is never served to a job naming another one
    // (which may not contain it, or may not be readable with the same credentials).
    private static string Key(GitRemote remote, GitSource source)
    {
        var identity = string.Join('\n', remote.Display, source.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join('\n', source.Paths.Order(StringComparer.Ordinal)));
        return source.Commit!.ToLowerInvariant() + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
    }

    private async Task MaterializeAsync(GitRemote remote, GitSource source, string key, string folder, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var fileLock = await LockFileAsync(key, cancellationToken);
            if (Directory.Exists(folder))
            {
                return;
            }

            var staging = Path.Combine(Root, "staging", Guid.NewGuid().ToString("N"));
            try
            {
                Log.Fetching(logger, remote.Display, source.Commit!);
                var bytes = await git.CheckoutAsync(remote, source, staging, cancellationToken);
                Directory.CreateDirectory(Path.Combine(Root, "checkouts"));
                Directory.CreateDirectory(Path.Combine(Root, "meta"));
                await File.WriteAllTextAsync(SizePath(key), bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
                Directory.Move(staging, folder);
                Interlocked.Increment(ref _fetches);
                Log.Fetched(logger, remote.Display, source.Commit!, bytes);
            }
            finally
            {
                Delete(staging);
            }
        }
        finally
        {
            gate.Release();
        }

        Evict(except: key);
    }

    // Holds across processes that share the cache folder (several silos on one machine).
    private async Task<FileStream> LockFileAsync(string key, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(Root, "locks"));
        var path = Path.Combine(Root, "locks", key + ".lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private void Evict(string except)
    {
        lock (_evicting)
        {
            var checkouts = new DirectoryInfo(Path.Combine(Root, "checkouts"));
            if (!checkouts.Exists)
            {
                return;
            }

            var entries = checkouts.EnumerateDirectories()
                .Select(d => (Key: d.Name, Folder: d.FullName, Bytes: SizeOfEntry(d.Name, d.FullName), Used: LastUsed(d.Name)))
                .ToList();
            var total = entries.Sum(e => e.Bytes);
            foreach (var entry in entries.OrderBy(e => e.Used))
            {
                if (total <= options.Value.CacheBytes)
                {
                    break;
                }

                if (entry.Key == except || _leases.GetValueOrDefault(entry.Key) > 0)
                {
                    continue;
                }

                // Renamed first so no reader sees a half-deleted checkout under its name.
                var trash = Path.Combine(Root, "staging", "evicted-" + Guid.NewGuid().ToString("N"));
                try
                {
                    Directory.CreateDirectory(Path.Combine(Root, "staging"));
                    Directory.Move(entry.Folder, trash);
                }
                catch (IOException)
                {
                    continue;
                }

                Delete(trash);
                File.Delete(SizePath(entry.Key));
                total -= entry.Bytes;
                Log.Evicted(logger, entry.Key, entry.Bytes);
            }
        }
    }

    private long SizeOfEntry(string key, string folder) =>
        File.Exists(SizePath(key)) && long.TryParse(File.ReadAllText(SizePath(key)), out var bytes) ? bytes : GitClient.SizeOf(folder);

    private DateTime LastUsed(string key) => File.Exists(SizePath(key)) ? File.GetLastWriteTimeUtc(SizePath(key)) : DateTime.MinValue;

    private void Touch(string key)
    {
        try
        {
            File.SetLastWriteTimeUtc(SizePath(key), DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only the eviction order suffers.
        }
    }

    private void Lease(string key) => _leases.AddOrUpdate(key, 1, (_, n) => n + 1);

    private void Release(string key)
    {
        _leases.AddOrUpdate(key, 0, (_, n) => Math.Max(0, n - 1));
        Evict(except: "");
    }

    private string SizePath(string key) => Path.Combine(Root, "meta", key + ".size");

    private static void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                // Objects git writes are read-only; clear the flag so the folder can go.
                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal);
                }

                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next eviction; the cache's bound is not exceeded by it for long.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Fetching {Url} at {Commit} into the git cache")]
        public static partial void Fetching(ILogger logger, string url, string commit);

        [LoggerMessage(LogLevel.Information, "Fetched {Url} at {Commit}: {Bytes} bytes")]
        public static partial void Fetched(ILogger logger, string url, string commit, long bytes);

        [LoggerMessage(LogLevel.Information, "Evicted git checkout {Key} ({Bytes} bytes) from the cache")]
        public static partial void Evicted(ILogger logger, string key, long bytes);
    }
}
