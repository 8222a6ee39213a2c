using System.Net;

namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>A repository URL the policy accepted.</summary>
/// <param name="Url">The URL, without credentials.</param>
/// <param name="Host">Its host name (empty for <c>file://</c>).</param>
/// <param name="IsFile">A <c>file://</c> repository under the allowed roots.</param>
/// <param name="PinnedAddress">
/// The checked address git must connect to (so a name that resolves differently a moment later cannot reach a private
/// address); null for trusted hosts, IP literals and files.
/// </param>
/// <param name="Trusted">The host is listed in <c>Workspaces:Git:AllowedHosts</c>.</param>
public sealed record GitRemote(Uri Url, string Host, bool IsFile, IPAddress? PinnedAddress, bool Trusted)
{
    /// <summary>The URL as git is given it and messages show it.</summary>
    public string Display => IsFile ? Url.AbsoluteUri : Url.GetLeftPart(UriPartial.Path);
}
