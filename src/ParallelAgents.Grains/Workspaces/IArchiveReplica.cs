namespace ParallelAgents.Grains.Workspaces;

/// <summary>Shared storage for uploaded archives, so every silo can read a workspace uploaded to any silo.</summary>
public interface IArchiveReplica
{
    /// <summary>Stores the archive under its content id (idempotent).</summary>
    Task UploadAsync(string id, string archivePath, CancellationToken cancellationToken);

    /// <summary>Fetches the archive to <paramref name="archivePath"/>; false when no archive has that id.</summary>
    Task<bool> TryDownloadAsync(string id, string archivePath, CancellationToken cancellationToken);
}
