using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>
/// Decides whether a client-supplied repository URL may be fetched: only <c>https://</c>, <c>http://</c> and (when
/// allowed) <c>file://</c> under the allowed roots; no credentials in the URL; and a host that resolves only to public
/// addresses unless <c>Workspaces:Git:AllowedHosts</c> lists it, so a job cannot make the service reach its own
/// network (server-side request forgery). Checked at submission and again on every silo before a fetch.
/// </summary>
/// <param name="git">Allowed hosts and whether <c>file://</c> URLs are accepted.</param>
/// <param name="workspaces">The roots a <c>file://</c> repository must lie under.</param>
/// <param name="resolve">Resolves a host name; the system resolver when null.</param>
public sealed class GitUrlPolicy(
    IOptions<GitOptions> git, IOptions<WorkspaceOptions> workspaces, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private const int MaxUrlLength = 2048;

    /// <summary>The accepted remote, or the reason it is refused (the reason never repeats a credential).</summary>
    public async Task<(GitRemote? Remote, string? Error)> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return (null, "A repository URL is required, e.g. https://github.com/owner/repo.git.");
        }

        // git's own transport syntax (ext::<command>, fd::<n>, <transport>::<address>) runs helpers or commands.
        if (IsTransportSyntax(url))
        {
            return (null, "Transport syntax ('<transport>::<address>', such as ext::) is refused; give an https:// URL.");
        }

        if (url.Length > MaxUrlLength || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || url.StartsWith('-'))
        {
            return (null, "The URL must be one https:// URL without spaces or control characters.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http" or "file"))
        {
            var scheme = url.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? url[..colon] : "";
            return (null, scheme.Length is > 0 and < 20 && scheme.All(char.IsAsciiLetterOrDigit)
                ? $"The scheme '{scheme}' is refused; only https:// and http:// URLs are fetched (file:// where Workspaces:Git:AllowFileUrls allows it)."
                : "The URL is not an absolute https:// URL (scp-style 'user@host:path' and ssh:// are not supported).");
        }

        if (uri.UserInfo.Length > 0)
        {
            var host = uri.DnsSafeHost;
            return (null, $"Credentials in the URL are refused (they would be stored and shown); the service authenticates to '{host}' with the token in Workspaces:Git:Credentials:<host>:Token.");
        }

        if (uri.Fragment.Length > 0 || uri.Query.Length > 0)
        {
            return (null, "The URL may not have a query or a fragment.");
        }

        return uri.IsFile ? CheckFile(uri) : await CheckHostAsync(uri, cancellationToken);
    }

    // "ext::", "fd::" and the like, but not an IPv6 literal such as https://[::1]/.
    private static bool IsTransportSyntax(string url)
    {
        var at = url.IndexOf("::", StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at >= 0 && (scheme < 0 || at < scheme);
    }

    /// <summary>True for addresses a job may not make the service connect to unless the host is trusted.</summary>
    public static bool IsNonPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC;
        }

        var v4 = address.GetAddressBytes();
        return v4[0] switch
        {
            0 or 10 or 127 => true,
            100 => v4[1] is >= 64 and <= 127,
            169 => v4[1] == 254,
            172 => v4[1] is >= 16 and <= 31,
            192 => v4[1] == 168 || (v4[1] == 0 && v4[2] is 0 or 2),
            198 => v4[1] is 18 or 19,
            >= 224 => true,
            _ => false,
        };
    }

    private (GitRemote?, string?) CheckFile(Uri uri)
    {
        if (!git.Value.AllowFileUrls)
        {
            return (null, "file:// URLs are not accepted by this service (Workspaces:Git:AllowFileUrls is false).");
        }

        if (!string.IsNullOrEmpty(uri.Host) && !uri.IsLoopback)
        {
            return (null, "A file:// URL names a path on this machine: file:///path/to/repo.");
        }

        var (full, error) = WorkspacePathPolicy.Check(uri.LocalPath, workspaces.Value.EffectiveRoots());
        return full is null ? (null, error) : (new GitRemote(new Uri(full), "", IsFile: true, null, Trusted: true), null);
    }

    private async Task<(GitRemote?, string?)> CheckHostAsync(Uri uri, CancellationToken cancellationToken)
    {
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.DnsSafeHost : uri.IdnHost;
        var clean = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
        if (git.Value.AllowedHosts.Any(h => string.Equals(h.Trim(), host, StringComparison.OrdinalIgnoreCase)))
        {
            return (new GitRemote(clean, host, IsFile: false, null, Trusted: true), null);
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await (resolve ?? Dns.GetHostAddressesAsync)(host, cancellationToken);
            }
            catch (SocketException)
            {
                addresses = [];
            }
        }

        if (addresses.Length == 0)
        {
            return (null, $"The host '{host}' does not resolve.");
        }

        if (addresses.FirstOrDefault(IsNonPublic) is { } inner)
        {
            return (null, $"The host '{host}' resolves to a loopback, link-local or private address ({inner}); such hosts are fetched only when Workspaces:Git:AllowedHosts lists them.");
        }

        return (new GitRemote(clean, host, IsFile: false, literal is null ? addresses[0] : null, Trusted: false), null);
    }
}
