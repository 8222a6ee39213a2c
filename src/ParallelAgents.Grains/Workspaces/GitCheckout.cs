namespace ParallelAgents.Grains.Workspaces;

/// <summary>A cached checkout held by a job; <see cref="Release"/> lets the cache evict it again.</summary>
/// <param name="Folder">The checkout's folder.</param>
/// <param name="Release">Gives the lease back (call once).</param>
public sealed record GitCheckout(string Folder, Action Release);
