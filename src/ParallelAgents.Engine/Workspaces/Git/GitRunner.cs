using System.Diagnostics;
using Microsoft.Extensions.Options;
using ParallelAgents.Engine.Security;

namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>
/// Runs the git CLI for one remote, never through a shell: arguments as a list, no prompts, no system or user git
/// configuration (so no credential helper or alias of the machine applies), only the transports the remote needs, no
/// redirects, and a timeout after which git and every process it started are killed. A token travels in the
/// environment (<c>GIT_CONFIG_COUNT</c>), so it is never on a command line another process can list.
/// </summary>
/// <param name="options">Credentials by host and the timeout.</param>
public sealed class GitRunner(IOptions<GitOptions> options)
{
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The process git runs as for <paramref name="arguments"/> against <paramref name="remote"/>.</summary>
    public ProcessStartInfo StartInfo(GitRemote remote, string? workingDirectory, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.OrdinalIgnoreCase) || k == "SSH_ASKPASS").ToArray())
        {
            info.Environment.Remove(name);
        }

        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
        info.Environment["LC_ALL"] = "C";
        if (HeaderFor(remote) is { } header)
        {
            info.Environment["GIT_CONFIG_COUNT"] = "1";
            info.Environment["GIT_CONFIG_KEY_0"] = "http.extraHeader";
            info.Environment["GIT_CONFIG_VALUE_0"] = "Authorization: " + header;
        }

        foreach (var setting in Settings(remote))
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(setting);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>
    /// Runs git; stops it when <paramref name="overLimit"/> turns true (checked a few times a second), when the timeout
    /// passes, or when <paramref name="cancellationToken"/> is cancelled. Output has the remote's credential masked.
    /// </summary>
    public async Task<GitResult> RunAsync(
        GitRemote remote, string? workingDirectory, IReadOnlyList<string> arguments, Func<bool>? overLimit, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(remote, workingDirectory, arguments) };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new WorkspaceException($"git could not be started on this silo ({e.Message}); git workspaces need the git command line installed.");
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.Timeout);
        var stopped = false;
        try
        {
            var exited = process.WaitForExitAsync(limit.Token);
            while (overLimit is not null && !exited.IsCompleted)
            {
                await Task.WhenAny(exited, Task.Delay(WatchInterval, limit.Token));
                if (!exited.IsCompleted && overLimit())
                {
                    stopped = true;
                    Kill(process);
                    break;
                }
            }

            await exited;
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new WorkspaceException($"git did not finish within {options.Value.Timeout} (Workspaces:Git:Timeout) for {remote.Display}.");
        }

        await process.WaitForExitAsync(CancellationToken.None);
        return new GitResult(stopped ? -1 : process.ExitCode, Redact(remote, await output), Redact(remote, await error), stopped);
    }

    /// <summary>The text with the remote's token (in any form git could echo) and anything else secret-looking masked.</summary>
    public string Redact(GitRemote remote, string text)
    {
        if (options.Value.CredentialFor(remote.Host) is { } credential)
        {
            foreach (var secret in new[] { credential.HeaderValue(), credential.Token! }.Where(s => s.Length > 0))
            {
                text = text.Replace(secret, SecretMasker.Mask, StringComparison.Ordinal);
            }
        }

        return SecretMasker.MaskText(text) ?? "";
    }

    // A token goes over TLS, or in clear only to a host the operator listed (an internal server on plain http).
    private string? HeaderFor(GitRemote remote) =>
        remote.IsFile || (remote.Url.Scheme != Uri.UriSchemeHttps && !remote.Trusted) ? null : options.Value.CredentialFor(remote.Host)?.HeaderValue();

    private static IEnumerable<string> Settings(GitRemote remote)
    {
        yield return "protocol.allow=never";
        yield return "protocol.https.allow=always";
        yield return "protocol.http.allow=always";
        if (remote.IsFile)
        {
            yield return "protocol.file.allow=always";
        }

        yield return "http.followRedirects=false";
        yield return "credential.helper=";
        yield return "core.askPass=";
        yield return "core.symlinks=false";
        yield return "core.fsmonitor=false";
        yield return "core.hooksPath=" + (OperatingSystem.IsWindows() ? "NUL" : "/dev/null");
        yield return "fetch.recurseSubmodules=false";
        yield return "submodule.recurse=false";
        yield return "gc.auto=0";
        yield return "maintenance.auto=false";
        yield return "advice.detachedHead=false";
        if (remote.PinnedAddress is { } address)
        {
            var port = remote.Url.Port;
            var pinned = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
            yield return $"http.curloptResolve={remote.Host}:{port}:{pinned}";
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already exited.
        }
    }
}
