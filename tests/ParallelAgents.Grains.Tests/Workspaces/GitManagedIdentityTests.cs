using Azure.Core;
using Microsoft.Extensions.Options;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Engine.Workspaces.Git;
using ParallelAgents.Hosting.Azure;
using ParallelAgents.TestSupport.Git;

namespace ParallelAgents.Grains.Tests.Workspaces;

/// <summary>
/// A host configured with <c>UseManagedIdentity</c> (Azure Repos): the service's Entra ID token goes in the
/// Authorization header, asked for the Azure DevOps scope, and appears in no message.
/// </summary>
public sealed class GitManagedIdentityTests : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pa-git-mi-");
    private GitHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await GitHttpServer.StartAsync("entra_" + Guid.NewGuid().ToString("N"));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task The_managed_identitys_token_authenticates_the_fetch_and_a_refused_one_fails_naming_the_host_but_not_the_token()
    {
        using var repository = TestGitRepository.Create(_root.FullName);
        var sha = repository.Commit(new Dictionary<string, string?> { ["README.md"] = "# hello\n" });
        var url = _server.Publish(repository, "mi-" + Guid.NewGuid().ToString("N")[..8]);

        var right = new FakeTokens(_server.Token);
        var (client, policy) = Client(right);
        var (remote, error) = await policy.CheckAsync(url, CancellationToken.None);
        Assert.True(remote is not null, error);
        Assert.Equal(sha, await client.ResolveCommitAsync(remote, "main", CancellationToken.None));
        var folder = Path.Combine(_root.FullName, "checkout");
        await client.CheckoutAsync(remote, new GitSource(url, "main") { Commit = sha }, folder, CancellationToken.None);
        Assert.Equal("# hello\n", File.ReadAllText(Path.Combine(folder, "README.md")));
        Assert.All(right.Scopes, s => Assert.Equal(GitCredential.AzureDevOpsScope, s));
        Assert.NotEmpty(right.Scopes);

        var wrong = new FakeTokens("expired_" + Guid.NewGuid().ToString("N"));
        var (refused, _) = Client(wrong);
        var failure = await Assert.ThrowsAsync<WorkspaceException>(() => refused.ResolveCommitAsync(remote, "main", CancellationToken.None));
        Assert.Contains("Microsoft Entra ID token", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'127.0.0.1'", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong.Token, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Token, failure.ToString(), StringComparison.Ordinal);

        // The token travels in git's environment, never on its command line.
        var info = new GitRunner(Options(), right).StartInfo(remote, null, ["ls-remote", "--", remote.Display], _server.Token);
        Assert.DoesNotContain(info.ArgumentList, a => a.Contains(_server.Token, StringComparison.Ordinal));
        Assert.Equal("Authorization: Bearer " + _server.Token, info.Environment["GIT_CONFIG_VALUE_0"]);
    }

    [Fact]
    public async Task Without_an_entra_credential_on_the_host_the_setting_is_refused_with_the_reason()
    {
        var (client, policy) = Client(null);
        var (remote, _) = await policy.CheckAsync(new Uri(_server.BaseAddress, "none.git").AbsoluteUri, CancellationToken.None);
        var failure = await Assert.ThrowsAsync<WorkspaceException>(() => client.ResolveCommitAsync(remote!, "main", CancellationToken.None));
        Assert.Contains("UseManagedIdentity is set for host '127.0.0.1'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_entra_provider_asks_the_credential_for_the_scope_and_keeps_the_token_until_shortly_before_it_expires()
    {
        var now = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var credential = new FakeCredential(now.AddHours(1));
        var provider = new EntraGitTokenProvider(credential, () => now);
        Assert.Equal("token-1", await provider.GetTokenAsync(GitCredential.AzureDevOpsScope, CancellationToken.None));
        Assert.Equal("token-1", await provider.GetTokenAsync(GitCredential.AzureDevOpsScope, CancellationToken.None));
        Assert.Equal([GitCredential.AzureDevOpsScope], credential.Scopes);

        now = now.AddMinutes(56);
        Assert.Equal("token-2", await provider.GetTokenAsync(GitCredential.AzureDevOpsScope, CancellationToken.None));
    }

    [Fact]
    public void A_credential_with_both_a_token_and_the_managed_identity_stops_start_up()
    {
        var options = new GitOptions();
        options.Credentials["dev.azure.com"] = new GitCredential { UseManagedIdentity = true, Token = "pat_1234567890" };
        var result = new GitOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("dev.azure.com sets UseManagedIdentity and a Token", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("pat_1234567890", result.FailureMessage, StringComparison.Ordinal);

        options.Credentials["dev.azure.com"] = new GitCredential { UseManagedIdentity = true };
        Assert.True(new GitOptionsValidator().Validate(null, options).Succeeded);
    }

    private static IOptions<GitOptions> Options()
    {
        var options = new GitOptions { AllowedHosts = ["127.0.0.1"] };
        options.Credentials["127.0.0.1"] = new GitCredential { UseManagedIdentity = true };
        return Microsoft.Extensions.Options.Options.Create(options);
    }

    private (GitClient Client, GitUrlPolicy Policy) Client(IGitTokenProvider? tokens)
    {
        var options = Options();
        var policy = new GitUrlPolicy(options, Microsoft.Extensions.Options.Options.Create(new WorkspaceOptions { AllowedRoots = [_root.FullName] }));
        return (new GitClient(new GitRunner(options, tokens), options), policy);
    }

    private sealed class FakeTokens(string token) : IGitTokenProvider
    {
        public string Token => token;

        public List<string> Scopes { get; } = [];

        public Task<string> GetTokenAsync(string scope, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.Add(scope);
            }

            return Task.FromResult(token);
        }
    }

    private sealed class FakeCredential(DateTimeOffset expiresOn) : TokenCredential
    {
        private int _issued;

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return ValueTask.FromResult(new AccessToken($"token-{++_issued}", expiresOn));
        }
    }
}
