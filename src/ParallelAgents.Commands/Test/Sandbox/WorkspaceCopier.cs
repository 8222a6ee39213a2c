using System.Diagnostics;

namespace ParallelAgents.Commands.Test.Sandbox;

/// <summary>
/// Makes a run's private copy of the workspace. Files are copied, not hard-linked: a test that writes a file
/// would otherwise change the shared original through the link. .NET's File.Copy clones (copy-on-write) on
/// filesystems that support it (btrfs, XFS), so the copy is cheap there. Symbolic links are recreated as links,
/// never followed, so a link to a host file does not turn into a readable copy. <c>.git</c> is left out.
/// </summary>
public static class WorkspaceCopier
{
    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/>; returns bytes copied.</summary>
    /// <exception cref="WorkspaceTooLargeException">The tree is larger than <paramref name="maxBytes"/>.</exception>
    public static long Copy(string source, string destination, long maxBytes)
    {
        long total = 0;
        var pending = new Stack<(string From, string To)>();
        pending.Push((source, destination));
        Directory.CreateDirectory(destination);
        while (pending.Count > 0)
        {
            var (from, to) = pending.Pop();
            foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
            {
                var target = Path.Combine(to, entry.Name);
                if (entry.LinkTarget is { } link)
                {
                    File.CreateSymbolicLink(target, link);
                }
                else if (entry is DirectoryInfo dir)
                {
                    if (dir.Name == ".git")
                    {
                        continue;
                    }

                    Directory.CreateDirectory(target);
                    pending.Push((dir.FullName, target));
                }
                else if (entry is FileInfo file)
                {
                    total += file.Length;
                    if (total > maxBytes)
                    {
                        throw new WorkspaceTooLargeException(maxBytes);
                    }

                    file.CopyTo(target);
                }
            }
        }

        return total;
    }

    /// <summary>Gives a tree to a sandbox user (root service only), without following links.</summary>
    public static void GiveTo(string path, int uid)
    {
        var info = new ProcessStartInfo("chown") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { "-R", "-h", $"{uid}:{uid}", path })
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info) ?? throw new InvalidOperationException("Could not start chown.");
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new IOException($"chown failed: {error.Trim()}");
        }
    }
}
