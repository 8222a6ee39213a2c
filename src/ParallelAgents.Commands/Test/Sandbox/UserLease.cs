namespace ParallelAgents.Commands.Test.Sandbox;

/// <summary>A sandbox user id held by one run; disposing kills whatever that user left running and frees the id.</summary>
public sealed class UserLease : IDisposable
{
    private readonly Action<int>? _release;
    private bool _disposed;

    internal UserLease(int? uid, Action<int>? release)
    {
        Uid = uid;
        _release = release;
    }

    /// <summary>The user id, or null when runs keep the service's user (not root, or setpriv unavailable).</summary>
    public int? Uid { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (Uid is { } uid)
        {
            ProcessTree.KillUser(uid);
            _release?.Invoke(uid);
        }
    }
}
