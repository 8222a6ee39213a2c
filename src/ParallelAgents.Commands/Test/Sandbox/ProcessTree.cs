using System.Globalization;
using System.Runtime.InteropServices;

namespace ParallelAgents.Commands.Test.Sandbox;

/// <summary>Kills process groups and every process of a sandbox user, and finds survivors, through /proc.</summary>
public static class ProcessTree
{
    private const int SigKill = 9;

    /// <summary>Sends SIGKILL to the process group <paramref name="pgid"/>; false when nothing was signalled.</summary>
    public static bool KillGroup(int pgid) => OperatingSystem.IsLinux() && pgid > 1 && NativeKill(-pgid, SigKill) == 0;

    /// <summary>Process ids whose process group is <paramref name="pgid"/>.</summary>
    public static IReadOnlyList<int> GroupMembers(int pgid) => Scan(stat => stat.Pgrp == pgid);

    /// <summary>Process ids whose real user id is <paramref name="uid"/>.</summary>
    public static IReadOnlyList<int> UserProcesses(int uid) => Scan(stat => stat.Uid == uid);

    /// <summary>
    /// Kills every process of a sandbox user (repeating while new ones appear, so a fork loop cannot outrun it).
    /// Returns how many were killed. Never call with the service's own user id.
    /// </summary>
    public static int KillUser(int uid)
    {
        if (!OperatingSystem.IsLinux() || uid == 0)
        {
            return 0;
        }

        var killed = 0;
        for (var round = 0; round < 50; round++)
        {
            var pids = UserProcesses(uid);
            if (pids.Count == 0)
            {
                break;
            }

            foreach (var pid in pids)
            {
                if (NativeKill(pid, SigKill) == 0)
                {
                    killed++;
                }
            }

            Thread.Sleep(20);
        }

        return killed;
    }

    private static List<int> Scan(Func<(int Pgrp, int Uid), bool> match)
    {
        var pids = new List<int>();
        if (!OperatingSystem.IsLinux())
        {
            return pids;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the command name, which is in parentheses and may contain spaces.
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var state = rest[0];
                if (state == "Z" || state == "X")
                {
                    continue;
                }

                var pgrp = int.Parse(rest[2], CultureInfo.InvariantCulture);
                var uid = ReadUid(Path.Combine(dir, "status"));
                if (match((pgrp, uid)))
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // The process ended while it was read.
            }
        }

        return pids;
    }

    private static int ReadUid(string statusPath)
    {
        foreach (var line in File.ReadLines(statusPath))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                return int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int NativeKill(int pid, int signal);
}
