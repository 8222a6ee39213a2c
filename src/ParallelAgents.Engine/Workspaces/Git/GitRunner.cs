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
/// <param name="tokens">Microsoft Entra ID tokens for hosts configured with <c>UseManagedIdentity</c>; none on hosts without an Azure credential.</param>
public sealed class GitRunner(IOptions<GitOptions> options, IGitTokenProvider? tokens = null)
{
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The process git runs as for <paramref name="arguments"/> against <paramref name="remote"/>;
    /// <paramref name="accessToken"/> is the managed identity's token for a host configured with <c>UseManagedIdentity</c>.
    /// </summary>
    public ProcessStartInfo StartInfo(GitRemote remote, string? workingDirectory, IReadOnlyList<string> arguments, string? accessToken = null)
    {
        var info = BaseStartInfo(workingDirectory);
        if (HeaderFor(remote, accessToken) is { } header)
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
    /// The process git runs as for <paramref name="arguments"/> in the repository whose working tree is
    /// <paramref name="root"/> (a path or an upload with <c>.git</c>): the same hardening, its <c>.git</c> named
    /// explicitly (no discovery above the root), no transport at all, and the folder trusted as a safe directory.
    /// </summary>
    public ProcessStartInfo LocalStartInfo(string root, IReadOnlyList<string> arguments)
    {
        var info = BaseStartInfo(root);
        info.Environment["GIT_DIR"] = Path.Combine(root, ".git");
        info.Environment["GIT_WORK_TREE"] = root;
        info.Environment["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(root)) ?? root;
        info.Environment["GIT_NO_REPLACE_OBJECTS"] = "1";
        info.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        foreach (var setting in CommonSettings().Prepend("protocol.allow=never").Append("safe.directory=" + root.Replace('\\', '/')))
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

    /// <summary>Runs git in a repository on this machine (see <see cref="LocalStartInfo"/>); output has secrets masked.</summary>
    public async Task<GitResult> RunLocalAsync(string root, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = LocalStartInfo(root, arguments) };
        return await RunAsync(process, "the repository of the workspace", null, text => SecretMasker.MaskText(text) ?? "", cancellationToken);
    }

    private static ProcessStartInfo BaseStartInfo(string? workingDirectory)
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
        return info;
    }

    /// <summary>
    /// Runs git; stops it when <paramref name="overLimit"/> turns true (checked a few times a second), when the timeout
    /// passes, or when <paramref name="cancellationToken"/> is cancelled. Output has the remote's credential masked.
    /// </summary>
    public async Task<GitResult> RunAsync(
        GitRemote remote, string? workingDirectory, IReadOnlyList<string> arguments, Func<bool>? overLimit, CancellationToken cancellationToken)
    {
        var accessToken = await AccessTokenAsync(remote, cancellationToken);
        using var process = new Process { StartInfo = StartInfo(remote, workingDirectory, arguments, accessToken) };
        return await RunAsync(process, remote.Display, overLimit, text => Redact(remote, text, accessToken), cancellationToken);
    }

    // Asked per command: the provider caches the token until shortly before it expires.
    private async Task<string?> AccessTokenAsync(GitRemote remote, CancellationToken cancellationToken)
    {
        if (!SendsCredential(remote) || options.Value.CredentialFor(remote.Host) is not { UseManagedIdentity: true } credential)
        {
            return null;
        }

        if (tokens is null)
        {
            throw new WorkspaceException($"Workspaces:Git:Credentials:<host>:UseManagedIdentity is set for host '{remote.Host}', but this service has no Microsoft Entra ID credential (its Azure hosting provides one); configure a Token instead.");
        }

        string token;
        try
        {
            token = await tokens.GetTokenAsync(credential.Scope, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new WorkspaceException($"The service could not get a Microsoft Entra ID token for git host '{remote.Host}' (scope {credential.Scope}): {SecretMasker.MaskText(e.Message.Split('\n')[0].Trim())}");
        }

        return string.IsNullOrWhiteSpace(token) || token.Any(char.IsControl)
            ? throw new WorkspaceException($"The Microsoft Entra ID token for git host '{remote.Host}' is empty or malformed.")
            : token;
    }

    private async Task<GitResult> RunAsync(Process process, string display, Func<bool>? overLimit, Func<string, string> redact, CancellationToken cancellationToken)
    {
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
            throw new WorkspaceException($"git did not finish within {options.Value.Timeout} (Workspaces:Git:Timeout) for {display}.");
        }

        await process.WaitForExitAsync(CancellationToken.None);
        return new GitResult(stopped ? -1 : process.ExitCode, redact(await output), redact(await error), stopped);
    }

    /// <summary>The text with the remote's token (in any form git could echo) and anything else secret-looking masked.</summary>
    public string Redact(GitRemote remote, string text, string? accessToken = null)
    {
        var secrets = new List<string>();
        if (options.Value.CredentialFor(remote.Host) is { UseManagedIdentity: false } credential)
        {
            secrets.AddRange([credential.HeaderValue(), credential.Token!]);
        }

        if (!string.IsNullOrEmpty(accessToken))
        {
            secrets.AddRange(["Bearer " + accessToken, accessToken]);
        }

        foreach (var secret in secrets.Where(s => s.Length > 0))
        {
            text = text.Replace(secret, SecretMasker.Mask, StringComparison.Ordinal);
        }

        return SecretMasker.MaskText(text) ?? "";
    }

    // A token goes over TLS, or in clear only to a host the operator listed (an internal server on plain http).
    private string? HeaderFor(GitRemote remote, string? accessToken) =>
        !SendsCredential(remote) ? null
        : options.Value.CredentialFor(remote.Host) is not { } credential ? null
        : credential.UseManagedIdentity ? (accessToken is null ? null : "Bearer " + accessToken)
        : credential.HeaderValue();

    private bool SendsCredential(GitRemote remote) => !remote.IsFile && (remote.Url.Scheme == Uri.UriSchemeHttps || remote.Trusted);

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
        foreach (var setting in CommonSettings())
        {
            yield return setting;
        }

        if (remote.PinnedAddress is { } address)
        {
            var port = remote.Url.Port;
            var pinned = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
            yield return $"http.curloptResolve={remote.Host}:{port}:{pinned}";
        }
    }

    // No helper, prompt, hook, monitor, pager, link or background job of the machine or of the repository applies.
    private static IEnumerable<string> CommonSettings()
    {
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
        yield return "core.pager=cat";
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
