using Microsoft.Extensions.Options;
using ParallelAgents.Engine.Security;
using ParallelAgents.Engine.Workspaces.Git;

namespace ParallelAgents.Engine.Tests.Workspaces;

public sealed class GitRunnerTests
{
    private const string Token = "tok_8f3a9c2e7b1d4f6a0e5c";

    [Fact]
    public void The_token_travels_in_the_environment_never_on_the_command_line()
    {
        var remote = new GitRemote(new Uri("https://git.example/repo.git"), "git.example", false, System.Net.IPAddress.Parse("93.184.216.34"), false);
        var info = Runner().StartInfo(remote, null, ["ls-remote", "--", remote.Display]);
        Assert.DoesNotContain(info.ArgumentList, a => a.Contains(Token, StringComparison.Ordinal));
        Assert.Equal("1", info.Environment["GIT_CONFIG_COUNT"]);
        Assert.Equal("http.extraHeader", info.Environment["GIT_CONFIG_KEY_0"]);
        Assert.Equal("Authorization: Bearer " + Token, info.Environment["GIT_CONFIG_VALUE_0"]);
        Assert.Equal("0", info.Environment["GIT_TERMINAL_PROMPT"]);
        Assert.Equal("git", info.FileName);
        Assert.False(info.UseShellExecute);
        Assert.Contains("protocol.allow=never", info.ArgumentList);
        Assert.Contains("protocol.https.allow=always", info.ArgumentList);
        Assert.DoesNotContain("protocol.file.allow=always", info.ArgumentList);
        Assert.Contains("http.followRedirects=false", info.ArgumentList);
        Assert.Contains("http.curloptResolve=git.example:443:93.184.216.34", info.ArgumentList);
    }

    [Fact]
    public void No_token_goes_over_plain_http_to_a_host_that_is_not_listed()
    {
        var remote = new GitRemote(new Uri("http://git.example/repo.git"), "git.example", false, null, Trusted: false);
        Assert.False(Runner().StartInfo(remote, null, ["ls-remote"]).Environment.ContainsKey("GIT_CONFIG_COUNT"));
        var listed = remote with { Trusted = true };
        Assert.True(Runner().StartInfo(listed, null, ["ls-remote"]).Environment.ContainsKey("GIT_CONFIG_COUNT"));
    }

    [Fact]
    public void File_remotes_get_the_file_protocol_and_no_token()
    {
        var remote = new GitRemote(new Uri("file:///srv/repo"), "", true, null, true);
        var info = Runner().StartInfo(remote, null, ["ls-remote"]);
        Assert.Contains("protocol.file.allow=always", info.ArgumentList);
        Assert.False(info.Environment.ContainsKey("GIT_CONFIG_COUNT"));
    }

    [Fact]
    public void Inherited_git_variables_do_not_reach_git()
    {
        Environment.SetEnvironmentVariable("GIT_TRACE_CURL", "1");
        try
        {
            var info = Runner().StartInfo(new GitRemote(new Uri("https://git.example/r.git"), "git.example", false, null, false), null, []);
            Assert.False(info.Environment.ContainsKey("GIT_TRACE_CURL"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("GIT_TRACE_CURL", null);
        }
    }

    [Fact]
    public void The_token_is_masked_in_whatever_git_writes()
    {
        var remote = new GitRemote(new Uri("https://git.example/repo.git"), "git.example", false, null, false);
        var text = $"fatal: header 'Authorization: Bearer {Token}' rejected; token={Token}";
        var redacted = Runner().Redact(remote, text);
        Assert.DoesNotContain(Token, redacted, StringComparison.Ordinal);
        Assert.Contains(SecretMasker.Mask, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void The_secret_masker_masks_a_git_authorization_header_on_its_own()
    {
        var masked = SecretMasker.MaskText($"-c http.extraHeader=Authorization: Bearer {Token}")!;
        Assert.DoesNotContain(Token, masked, StringComparison.Ordinal);
        var basic = new GitCredential { Token = Token, Username = "x-access-token" }.HeaderValue();
        Assert.DoesNotContain(basic["Basic ".Length..], SecretMasker.MaskText("Authorization: " + basic)!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Workspaces:Git:CacheBytes", "0")]
    [InlineData("Workspaces:Git:MaxBytes", "-5")]
    [InlineData("Workspaces:Git:Timeout", "00:00:00")]
    [InlineData("Workspaces:Git:AllowedHosts:0", "https://git.example/")]
    public void A_bad_setting_is_named_by_its_key(string key, string value)
    {
        var failure = Assert.Single(OptionsCheck.Failures(new GitOptionsValidator(), GitOptions.Section, (key, value)));
        Assert.StartsWith(key + " ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_token_is_named_and_a_token_is_never_echoed()
    {
        Assert.Empty(OptionsCheck.Failures(new GitOptionsValidator(), GitOptions.Section));
        var failure = Assert.Single(OptionsCheck.Failures(new GitOptionsValidator(), GitOptions.Section, ("Workspaces:Git:Credentials:git.example:Token", " ")));
        Assert.Contains("Workspaces:Git:Credentials:git.example:Token", failure, StringComparison.Ordinal);
        Assert.Empty(OptionsCheck.Failures(new GitOptionsValidator(), GitOptions.Section, ("Workspaces:Git:Credentials:git.example:Token", Token)));
    }

    private static GitRunner Runner()
    {
        var options = new GitOptions();
        options.Credentials["git.example"] = new GitCredential { Token = Token };
        return new GitRunner(Options.Create(options));
    }
}
