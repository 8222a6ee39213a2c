using System.Diagnostics;
using System.Globalization;

namespace ParallelAgents.Commands.Test.Sandbox;

/// <summary>
/// Starts runners in the sandbox: <c>setsid</c> (own session and process group) → <c>prlimit</c> (CPU, data, files,
/// processes) → <c>unshare</c> (new network and PID namespaces) → <c>setpriv</c> (dedicated unprivileged user when the
/// service is root) → the runner, with a scrubbed environment. Each wrapper execs the next, so the pid Process
/// reports is the group leader; on timeout or cancellation the group and the sandbox user's processes are killed.
/// What the platform allows is detected once by trying each wrapper.
/// </summary>
public sealed class SandboxLauncher
{
    private readonly TestCommandOptions _options;
    private readonly Lazy<SandboxCapabilities> _capabilities;
    private readonly Lock _gate = new();
    private readonly HashSet<int> _leased = [];

    /// <summary>Creates the launcher; detection runs on first use.</summary>
    public SandboxLauncher(TestCommandOptions options)
    {
        _options = options;
        _capabilities = new(Detect);
    }

    /// <summary>What the platform allows.</summary>
    public SandboxCapabilities Capabilities => _capabilities.Value;

    /// <summary>The settings in force.</summary>
    public TestCommandOptions Options => _options;

    /// <summary>Leases a sandbox user id for one run (all its processes are killed when the lease ends).</summary>
    public UserLease LeaseUser()
    {
        if (!Capabilities.Setpriv)
        {
            return new UserLease(null, null);
        }

        lock (_gate)
        {
            for (var i = 0; i < Math.Max(1, _options.SandboxUidCount); i++)
            {
                var uid = _options.SandboxUid + i;
                if (_leased.Add(uid))
                {
                    // A previous run's leftovers must not count against this run's process limit.
                    ProcessTree.KillUser(uid);
                    return new UserLease(uid, Release);
                }
            }
        }

        throw new InvalidOperationException($"All {_options.SandboxUidCount} sandbox user ids are in use; raise Commands:Test:SandboxUidCount.");
    }

    /// <summary>The full argv for a request: the wrappers the platform allows, then the runner.</summary>
    public IReadOnlyList<string> BuildArguments(SandboxRequest request)
    {
        var caps = Capabilities;
        var argv = new List<string>();
        if (caps.Setsid)
        {
            argv.Add("setsid");
        }

        if (caps.Prlimit)
        {
            argv.AddRange(LimitArguments());
        }

        if (caps.NetworkNamespace && !_options.AllowNetwork || caps.PidNamespace)
        {
            argv.Add("unshare");
            if (caps.UserNamespace)
            {
                argv.Add("--map-root-user");
            }

            if (caps.NetworkNamespace && !_options.AllowNetwork)
            {
                argv.Add("--net");
            }

            if (caps.PidNamespace)
            {
                argv.AddRange(["--pid", "--fork", "--kill-child", "--mount-proc"]);
            }
        }

        if (caps.Setpriv && request.Uid is { } uid)
        {
            argv.AddRange(SetprivArguments(uid));
        }

        argv.AddRange(request.Arguments);
        return argv;
    }

    /// <summary>Runs a request to completion, timeout or cancellation; the tree is always gone when this returns.</summary>
    public async Task<SandboxResult> RunAsync(SandboxRequest request, CancellationToken cancellationToken)
    {
        var argv = BuildArguments(request);
        var info = new ProcessStartInfo(argv[0])
        {
            WorkingDirectory = request.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in argv.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (name, value) in EnvironmentScrubber.Build(request.HomeDirectory, _options.PassEnvironment, request.Environment))
        {
            info.Environment[name] = value;
        }

        var output = new BoundedOutput(Math.Max(1024, _options.OutputLimitBytes));
        var started = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => output.AppendLine(e.Data);
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new SandboxResult(-1, false, string.Empty, false, started.Elapsed, $"Could not start '{request.Arguments[0]}': {e.Message}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource(request.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            Kill(process, request.Uid);
            output.AppendLine(timedOut
                ? $"[sandbox] timed out after {request.Timeout.TotalSeconds:0} s; process tree killed"
                : "[sandbox] cancelled; process tree killed");
        }

        // Escaped descendants may still hold the pipes; do not wait for them beyond a moment.
        using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await process.WaitForExitAsync(drain.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(process, request.Uid);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var exitCode = process.HasExited ? process.ExitCode : -1;
        return new SandboxResult(timedOut ? -1 : exitCode, timedOut, output.ToString(), output.Truncated, started.Elapsed);
    }

    private void Kill(Process process, int? uid)
    {
        int pid;
        try
        {
            pid = process.Id;
        }
        catch (InvalidOperationException)
        {
            return;
        }

        if (Capabilities.Setsid)
        {
            ProcessTree.KillGroup(pid);
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }

        if (uid is { } u)
        {
            ProcessTree.KillUser(u);
        }

        if (Capabilities.Setsid)
        {
            if (ProcessTree.GroupMembers(pid).Count > 0)
            {
                ProcessTree.KillGroup(pid);
            }
        }
    }

    private void Release(int uid)
    {
        lock (_gate)
        {
            _leased.Remove(uid);
        }
    }

    private string[] LimitArguments() =>
    [
        "prlimit",
        Inv($"--cpu={Math.Max(1, _options.CpuSeconds)}"),
        Inv($"--data={(long)Math.Max(64, _options.MemoryMegabytes) * 1024 * 1024}"),
        Inv($"--fsize={(long)Math.Max(1, _options.MaxFileMegabytes) * 1024 * 1024}"),
        Inv($"--nofile={Math.Max(64, _options.MaxOpenFiles)}"),
        Inv($"--nproc={Math.Max(8, _options.MaxProcesses)}"),
        "--core=0",
    ];

    private static string[] SetprivArguments(int uid) =>
        ["setpriv", Inv($"--reuid={uid}"), Inv($"--regid={uid}"), "--clear-groups", "--inh-caps=-all", "--no-new-privs"];

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private SandboxCapabilities Detect()
    {
        if (!OperatingSystem.IsLinux())
        {
            return SandboxCapabilities.None;
        }

        var isRoot = Environment.UserName == "root" || ReadEffectiveUid() == 0;
        var setsid = Works(["setsid", "true"]);
        var prlimit = Works([.. LimitArguments(), "true"]);
        bool net, pid, userns = false;
        if (isRoot)
        {
            net = Works(["unshare", "--net", "true"]);
            pid = Works(["unshare", "--pid", "--fork", "--kill-child", "--mount-proc", "true"]);
        }
        else
        {
            net = Works(["unshare", "--map-root-user", "--net", "true"]);
            pid = Works(["unshare", "--map-root-user", "--pid", "--fork", "--kill-child", "--mount-proc", "true"]);
            userns = net || pid;
        }

        var setpriv = isRoot && Works([.. SetprivArguments(_options.SandboxUid), "true"]);
        return new SandboxCapabilities(true, isRoot, setsid, prlimit, net, pid, userns, setpriv);
    }

    private static int ReadEffectiveUid()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return line is null ? -1 : int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return -1;
        }
    }

    private static bool Works(string[] argv)
    {
        try
        {
            var info = new ProcessStartInfo(argv[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in argv.Skip(1))
            {
                info.ArgumentList.Add(a);
            }

            using var p = Process.Start(info);
            if (p is null)
            {
                return false;
            }

            p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            if (!p.WaitForExit(10_000))
            {
                p.Kill(entireProcessTree: true);
                return false;
            }

            return p.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }
}
