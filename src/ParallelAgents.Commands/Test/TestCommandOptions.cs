namespace ParallelAgents.Commands.Test;

/// <summary>
/// Service-wide settings of the <c>test</c> command, bound from the configuration section <c>Commands:Test</c>
/// (environment: <c>Commands__Test__Enabled=true</c>...). The command executes workspace code, so it is off by default.
/// </summary>
public sealed class TestCommandOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Commands:Test";

    /// <summary>Whether the service runs test suites at all.</summary>
    public bool Enabled { get; set; }

    /// <summary>Suite timeout when the job names none, in seconds.</summary>
    public int DefaultSuiteTimeoutSeconds { get; set; } = 600;

    /// <summary>Largest suite timeout a job may ask for, in seconds.</summary>
    public int MaxSuiteTimeoutSeconds { get; set; } = 3600;

    /// <summary>Time budget of one job's test runs (all items together), in seconds, when the job names none.</summary>
    public int DefaultJobTimeoutSeconds { get; set; } = 3600;

    /// <summary>CPU seconds a runner's process may use (RLIMIT_CPU, per process).</summary>
    public int CpuSeconds { get; set; } = 900;

    /// <summary>Data segment limit per process in MiB (RLIMIT_DATA: heap and private writable mappings).</summary>
    public int MemoryMegabytes { get; set; } = 4096;

    /// <summary>Processes and threads the sandbox user may have (RLIMIT_NPROC, counted per user id).</summary>
    public int MaxProcesses { get; set; } = 512;

    /// <summary>Open files per process (RLIMIT_NOFILE).</summary>
    public int MaxOpenFiles { get; set; } = 4096;

    /// <summary>Largest file a process may write, in MiB (RLIMIT_FSIZE).</summary>
    public int MaxFileMegabytes { get; set; } = 1024;

    /// <summary>Captured output kept per run (the last bytes), in bytes.</summary>
    public int OutputLimitBytes { get; set; } = 64 * 1024;

    /// <summary>First user id of the sandbox users (used when the service runs as root); each concurrent run leases its own id.</summary>
    public int SandboxUid { get; set; } = 61000;

    /// <summary>How many consecutive user ids, from <see cref="SandboxUid"/>, runs may lease (the most concurrent runs on one silo).</summary>
    public int SandboxUidCount { get; set; } = 32;

    /// <summary>Lets runners reach the network (package restores); off by default.</summary>
    public bool AllowNetwork { get; set; }

    /// <summary>Python interpreter with pytest; empty = the first of python3, /usr/bin/python3, python that imports pytest.</summary>
    public string? Python { get; set; }

    /// <summary>Where private workspace copies go; empty = the system temp directory.</summary>
    public string? WorkRoot { get; set; }

    /// <summary>Largest workspace that is copied for a run, in MiB; a larger one is reported, not run.</summary>
    public int MaxWorkspaceMegabytes { get; set; } = 2048;

    /// <summary>Extra environment variable names passed to runners (never the service's secrets).</summary>
    public List<string> PassEnvironment { get; set; } = [];
}
