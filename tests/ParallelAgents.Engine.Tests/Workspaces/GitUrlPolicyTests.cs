using System.Net;
using Microsoft.Extensions.Options;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Engine.Workspaces.Git;

namespace ParallelAgents.Engine.Tests.Workspaces;

public sealed class GitUrlPolicyTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pa-git-policy-");

    public void Dispose() => _root.Delete(recursive: true);

    [Theory]
    [InlineData("ext::sh -c touch% /tmp/pwned", "Transport syntax")]
    [InlineData("ext::sh", "Transport syntax")]
    [InlineData("fd::3", "Transport syntax")]
    [InlineData("ssh://git@example.com/repo.git", "scheme 'ssh'")]
    [InlineData("git://example.com/repo.git", "scheme 'git'")]
    [InlineData("git@github.com:owner/repo.git", "not an absolute https://")]
    [InlineData("-uhttps://example.com/repo.git", "without spaces")]
    [InlineData("https://example.com/repo.git?x=1", "query")]
    [InlineData("", "required")]
    public async Task Transport_tricks_and_other_schemes_are_refused(string url, string reason)
    {
        var (remote, error) = await Policy().CheckAsync(url, CancellationToken.None);
        Assert.Null(remote);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_with_embedded_credentials_is_refused_without_repeating_them()
    {
        var (remote, error) = await Policy().CheckAsync("https://alice:s3cr3t-pa55@example.com/repo.git", CancellationToken.None);
        Assert.Null(remote);
        Assert.Contains("Credentials in the URL are refused", error, StringComparison.Ordinal);
        Assert.Contains("'example.com' with the token in Workspaces:Git:Credentials:<host>:Token", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1/repo.git")]
    [InlineData("http://127.0.0.1:8080/repo.git")]
    [InlineData("http://[::1]/repo.git")]
    [InlineData("http://10.1.2.3/repo.git")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("https://192.168.0.10/repo.git")]
    [InlineData("https://172.20.0.1/repo.git")]
    [InlineData("https://[fd00::1]/repo.git")]
    [InlineData("https://0.0.0.0/repo.git")]
    public async Task Addresses_inside_the_network_are_refused_unless_the_host_is_listed(string url)
    {
        var (remote, error) = await Policy().CheckAsync(url, CancellationToken.None);
        Assert.Null(remote);
        Assert.Contains("Workspaces:Git:AllowedHosts", error, StringComparison.Ordinal);

        var host = new Uri(url).DnsSafeHost;
        (remote, error) = await Policy(o => o.AllowedHosts.Add(host)).CheckAsync(url, CancellationToken.None);
        Assert.True(remote is not null, error);
        Assert.True(remote.Trusted);
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_private_address_is_refused_and_a_public_one_is_pinned()
    {
        var names = new Dictionary<string, IPAddress[]>
        {
            ["internal.example"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.0.0.7")],
            ["git.example"] = [IPAddress.Parse("93.184.216.34")],
        };
        var policy = Policy(resolve: (host, _) => Task.FromResult(names.GetValueOrDefault(host, [])));

        var (remote, error) = await policy.CheckAsync("https://internal.example/repo.git", CancellationToken.None);
        Assert.Null(remote);
        Assert.Contains("10.0.0.7", error, StringComparison.Ordinal);

        (remote, error) = await policy.CheckAsync("https://git.example/owner/repo.git", CancellationToken.None);
        Assert.True(remote is not null, error);
        Assert.Equal(IPAddress.Parse("93.184.216.34"), remote.PinnedAddress);
        Assert.Equal("https://git.example/owner/repo.git", remote.Display);

        (_, error) = await policy.CheckAsync("https://nowhere.example/repo.git", CancellationToken.None);
        Assert.Contains("does not resolve", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_urls_need_the_setting_and_a_repository_under_an_allowed_root()
    {
        var inside = _root.CreateSubdirectory("repo");
        var url = new Uri(inside.FullName).AbsoluteUri;
        var (remote, error) = await Policy().CheckAsync(url, CancellationToken.None);
        Assert.Null(remote);
        Assert.Contains("Workspaces:Git:AllowFileUrls", error, StringComparison.Ordinal);

        (remote, error) = await Policy(o => o.AllowFileUrls = true).CheckAsync(url, CancellationToken.None);
        Assert.True(remote is { IsFile: true }, error);

        var outside = Directory.CreateTempSubdirectory("pa-git-outside-");
        try
        {
            (remote, error) = await Policy(o => o.AllowFileUrls = true).CheckAsync(new Uri(outside.FullName).AbsoluteUri, CancellationToken.None);
            Assert.Null(remote);
            Assert.Contains("outside the allowed workspace roots", error, StringComparison.Ordinal);
        }
        finally
        {
            outside.Delete();
        }
    }

    private GitUrlPolicy Policy(Action<GitOptions>? configure = null, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        var git = new GitOptions();
        configure?.Invoke(git);
        var workspaces = new WorkspaceOptions { AllowedRoots = [_root.FullName] };
        return new GitUrlPolicy(Options.Create(git), Options.Create(workspaces), resolve ?? ((_, _) => Task.FromResult<IPAddress[]>([IPAddress.Parse("93.184.216.34")])));
    }
}
