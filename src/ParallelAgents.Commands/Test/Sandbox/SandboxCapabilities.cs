namespace ParallelAgents.Commands.Test.Sandbox;

/// <summary>What the platform lets the sandbox do, detected once per silo by trying each protection.</summary>
/// <param name="IsLinux">Linux: the protections below are available at all.</param>
/// <param name="IsRoot">The service runs as root, so runs switch to an unprivileged user.</param>
/// <param name="Setsid">Runs start in a session and process group of their own (<c>setsid</c>).</param>
/// <param name="Prlimit">Resource limits are applied (<c>prlimit</c>).</param>
/// <param name="NetworkNamespace">Runs get a new, empty network namespace (<c>unshare --net</c>).</param>
/// <param name="PidNamespace">Runs get a PID namespace, so every descendant dies with its init.</param>
/// <param name="UserNamespace">Namespaces come from an unprivileged user namespace (<c>unshare -r</c>), when not root.</param>
/// <param name="Setpriv">Runs switch to a dedicated unprivileged user id (<c>setpriv</c>, root only).</param>
public sealed record SandboxCapabilities(
    bool IsLinux,
    bool IsRoot,
    bool Setsid,
    bool Prlimit,
    bool NetworkNamespace,
    bool PidNamespace,
    bool UserNamespace,
    bool Setpriv)
{
    /// <summary>Nothing available (not Linux): only the scrubbed environment, timeouts and tree kills apply.</summary>
    public static SandboxCapabilities None { get; } = new(false, false, false, false, false, false, false, false);

    /// <summary>One statement per protection, for the report.</summary>
    public IReadOnlyList<string> Describe(TestCommandOptions options)
    {
        var notes = new List<string> { "Sandbox: runners get a scrubbed environment (no service variables), a private copy of the workspace and a temporary HOME." };
        notes.Add(Prlimit
            ? $"Sandbox: limits per process: CPU {options.CpuSeconds} s, data {options.MemoryMegabytes} MiB, files {options.MaxFileMegabytes} MiB, open files {options.MaxOpenFiles}; processes per sandbox user {options.MaxProcesses}{(Setpriv ? string.Empty : " (not enforced: the service does not run as root, so no dedicated user id)")}."
            : "Sandbox: resource limits are not applied on this platform (prlimit unavailable).");
        notes.Add(options.AllowNetwork
            ? "Sandbox: network allowed by the service configuration (Commands:Test:AllowNetwork=true)."
            : NetworkNamespace
                ? $"Sandbox: no network (new network namespace{(UserNamespace ? " inside a user namespace" : string.Empty)})."
                : "Sandbox: network NOT isolated on this platform (unshare --net unavailable).");
        notes.Add(Setpriv
            ? $"Sandbox: runs as unprivileged user ids {options.SandboxUid}-{options.SandboxUid + options.SandboxUidCount - 1}, one per concurrent run."
            : IsRoot ? "Sandbox: WARNING the service runs as root and setpriv is unavailable: runners run as root." : "Sandbox: runs as the service's own (unprivileged) user.");
        notes.Add(PidNamespace
            ? "Sandbox: each run has its own PID namespace; a timeout or cancellation kills the whole tree."
            : Setsid ? "Sandbox: each run has its own process group, killed as a whole on timeout or cancellation." : "Sandbox: process trees are killed by walking children (no setsid).");
        return notes;
    }
}
