using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Grains.Workspaces;

/// <summary>
/// Uploaded workspaces, content-addressed by the archive's SHA-256 and stored once. Each silo extracts an archive
/// into its local folder the first time a job needs it; with a replica (blob storage) any silo can fetch it.
/// </summary>
public sealed class WorkspaceStore(IOptions<WorkspaceOptions> options, IArchiveReplica? replica = null)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _verifiedOwners = new(StringComparer.Ordinal);

    private string Root => options.Value.EffectiveUploadRoot();

    /// <summary>Validates, extracts and stores an upload; returns its id. Throws <see cref="ArchiveRejectedException"/>.</summary>
    public async Task<string> SaveAsync(Stream upload, string? owner, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        Directory.CreateDirectory(Path.Combine(Root, "incoming"));
        var temp = Path.Combine(Root, "incoming", Guid.NewGuid().ToString("N"));
        string id;
        try
        {
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            await using (var file = File.Create(temp))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await upload.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > limits.MaxArchiveBytes)
                    {
                        throw new ArchiveRejectedException(413, $"The archive is larger than {limits.MaxArchiveBytes} bytes. Workspaces:MaxArchiveBytes sets the limit.");
                    }

                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                if (total == 0)
                {
                    throw new ArchiveRejectedException(400, "The upload is empty.");
                }

                // The owner is part of the id so one identity's upload is never another's workspace.
                AppendOwner(sha, owner);
                id = Convert.ToHexStringLower(sha.GetHashAndReset());
            }

            var gate = _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken);
            try
            {
                if (!Directory.Exists(ExtractedPath(id)))
                {
                    ExtractChecked(temp, id);
                    Directory.CreateDirectory(Path.Combine(Root, "archives"));
                    File.Move(temp, ArchivePath(id), overwrite: true);
                    if (replica is not null)
                    {
                        await replica.UploadAsync(id, ArchivePath(id), cancellationToken);
                    }
                }
            }
            finally
            {
                gate.Release();
            }

            return id;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The local folder of an uploaded workspace, fetched and extracted on first use; null when the id is unknown.</summary>
    public async Task<string?> MaterializeAsync(string id, CancellationToken cancellationToken)
    {
        if (id.Length != 64 || !id.All(Uri.IsHexDigit))
        {
            return null;
        }

        id = id.ToLowerInvariant();
        if (Directory.Exists(ExtractedPath(id)))
        {
            return ExtractedPath(id);
        }

        var gate = _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Directory.Exists(ExtractedPath(id)))
            {
                return ExtractedPath(id);
            }

            Directory.CreateDirectory(Path.Combine(Root, "archives"));
            if (!File.Exists(ArchivePath(id)) && (replica is null || !await replica.TryDownloadAsync(id, ArchivePath(id), cancellationToken)))
            {
                return null;
            }

            ExtractChecked(ArchivePath(id), id);
            return ExtractedPath(id);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// True when <paramref name="owner"/> uploaded the workspace <paramref name="id"/>: the id is the hash of the archive
    /// and its owner, so it is recomputed from the stored archive (on any silo, without a separate owner record).
    /// </summary>
    public async Task<bool> BelongsToAsync(string id, string? owner, CancellationToken cancellationToken)
    {
        if (id.Length != 64 || !id.All(Uri.IsHexDigit))
        {
            return false;
        }

        id = id.ToLowerInvariant();
        var key = id + "\0" + owner;
        if (_verifiedOwners.ContainsKey(key))
        {
            return true;
        }

        if (await MaterializeAsync(id, cancellationToken) is null || !File.Exists(ArchivePath(id)))
        {
            return false;
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = new FileStream(ArchivePath(id), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }

        AppendOwner(sha, owner);
        if (!string.Equals(Convert.ToHexStringLower(sha.GetHashAndReset()), id, StringComparison.Ordinal))
        {
            return false;
        }

        if (_verifiedOwners.Count < 100_000)
        {
            _verifiedOwners[key] = true;
        }

        return true;
    }

    private static void AppendOwner(IncrementalHash sha, string? owner) =>
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes("\0owner:" + (owner ?? "")));

    private void ExtractChecked(string archive, string id)
    {
        var staging = Path.Combine(Root, "staging", Guid.NewGuid().ToString("N"));
        try
        {
            ArchiveExtractor.Extract(archive, staging, options.Value.MaxExtractedBytes, options.Value.MaxFiles);
            Directory.CreateDirectory(Path.Combine(Root, "extracted"));
            Directory.Move(staging, ExtractedPath(id));
        }
        catch (IOException) when (Directory.Exists(ExtractedPath(id)))
        {
            // The id is the hash of the content: whoever published this folder first (another request, or another
            // process sharing the upload folder) published the same files. The staging copy is dropped below.
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private string ArchivePath(string id) => Path.Combine(Root, "archives", id + ".bin");

    private string ExtractedPath(string id) => Path.Combine(Root, "extracted", id);
}
