namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>Git workspaces: where checkouts are cached, how large they may be, which hosts and credentials. Section <c>Workspaces:Git</c>.</summary>
public sealed class GitOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Workspaces:Git";

    /// <summary>Folder of this silo's cache of checkouts. Default: a folder under the system temp directory.</summary>
    public string? CacheRoot { get; set; }

    /// <summary>Most bytes the cache keeps; least recently used checkouts not in use are removed beyond it.</summary>
    public long CacheBytes { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Largest checkout (working tree and fetched objects), in bytes; a larger repository fails the job.</summary>
    public long MaxBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>
    /// Host names trusted even when they resolve to loopback, link-local or private addresses (an internal git
    /// server). Any other host must resolve to public addresses only.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Accept <c>file://</c> URLs, and then only for repositories under <c>Workspaces:AllowedRoots</c>.</summary>
    public bool AllowFileUrls { get; set; }

    /// <summary>Credentials by host name (<c>Workspaces:Git:Credentials:&lt;host&gt;:Token</c>, or <c>:UseManagedIdentity=true</c>).</summary>
    public Dictionary<string, GitCredential> Credentials { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Longest one git command (resolving a ref, fetching a commit) may run.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The cache folder, absolute.</summary>
    public string EffectiveCacheRoot() =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(CacheRoot) ? Path.Combine(Path.GetTempPath(), "parallel-agents", "git") : CacheRoot);

    /// <summary>The credential configured for <paramref name="host"/>, if any.</summary>
    public GitCredential? CredentialFor(string host) =>
        Credentials.TryGetValue(host, out var credential) && (credential.UseManagedIdentity || !string.IsNullOrEmpty(credential.Token)) ? credential : null;
}
