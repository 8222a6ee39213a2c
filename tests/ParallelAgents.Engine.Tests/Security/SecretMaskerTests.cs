using ParallelAgents.Engine.Security;

namespace ParallelAgents.Engine.Tests.Security;

public sealed class SecretMaskerTests
{
    // Each secret is built from pieces so this file itself does not look like it leaks one to scanners.
    private static readonly string AwsKeyId = "AKIA" + "IOSFODNN7EXAMPLE";
    private static readonly string AwsSecret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";
    private static readonly string GitHubClassic = "ghp_" + "16C7e42F292c6912E7710c838347Ae178B4a";
    private static readonly string GitHubFineGrained = "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";
    private static readonly string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsu" + "Fq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly string JwtToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0" + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    private static readonly string SlackBot = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";

    [Fact]
    public void Masks_an_aws_access_key_id_keeping_its_kind()
    {
        var masked = SecretMasker.MaskText($"key {AwsKeyId} in config.py");
        Assert.Equal("key AKIA*** in config.py", masked);
    }

    [Fact]
    public void Masks_an_aws_secret_access_key_assignment()
    {
        var masked = SecretMasker.MaskText($"aws_secret_access_key = {AwsSecret}")!;
        Assert.DoesNotContain(AwsSecret, masked);
        Assert.StartsWith("aws_secret_access_key = ***", masked);
    }

    [Theory]
    [InlineData("classic")]
    [InlineData("fine-grained")]
    public void Masks_github_tokens(string kind)
    {
        var token = kind == "classic" ? GitHubClassic : GitHubFineGrained;
        var masked = SecretMasker.MaskText($"token in .env: {token}.")!;
        Assert.DoesNotContain(token[8..], masked);
        Assert.Contains(kind == "classic" ? "ghp_***" : "github_pat_***", masked);
    }

    [Fact]
    public void Masks_the_account_key_of_an_azure_storage_connection_string_only()
    {
        var connection = $"DefaultEndpointsProtocol=https;AccountName=devstore;AccountKey={AccountKey};EndpointSuffix=core.windows.net";
        var masked = SecretMasker.MaskText(connection);
        Assert.Equal("DefaultEndpointsProtocol=https;AccountName=devstore;AccountKey=***;EndpointSuffix=core.windows.net", masked);
    }

    [Fact]
    public void Masks_service_bus_keys_and_sas_signatures()
    {
        var masked = SecretMasker.MaskText("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=abcDEF123+/= and https://a.blob.core.windows.net/c?sv=2022&sig=AbC%2Bdef&se=1")!;
        Assert.Contains("SharedAccessKey=***", masked);
        Assert.Contains("SharedAccessKeyName=root", masked);
        Assert.Contains("sig=***&se=1", masked);
    }

    [Theory]
    [InlineData("api_key=sk-live-abcdef123456", "api_key=***")]
    [InlineData("API-KEY: abcdef123456", "API-KEY: ***")]
    [InlineData("password=hunter22!", "password=***")]
    [InlineData("DB_PASSWORD='s3cr3t-value'", "DB_PASSWORD='***'")]
    [InlineData("\"clientSecret\": \"abc.def-123\"", "\"clientSecret\": \"***\"")]
    [InlineData("secret: my-little-secret", "secret: ***")]
    [InlineData("connect with Password=Pa55word;Server=db", "connect with Password=***;Server=db")]
    public void Masks_generic_named_secret_values(string text, string expected) =>
        Assert.Equal(expected, SecretMasker.MaskText(text));

    [Theory]
    [InlineData("thinking-tokens: 31999 requires thinking-level ultrathink")]
    [InlineData("password_required=true")]
    [InlineData("The description is longer than 350 characters.")]
    [InlineData("Use a bearer token from the vault.")]
    [InlineData("src/Secrets/Reader.cs")]
    public void Leaves_ordinary_text_alone(string text) => Assert.Equal(text, SecretMasker.MaskText(text));

    [Fact]
    public void Masks_a_jwt()
    {
        var masked = SecretMasker.MaskText($"found {JwtToken} in fixtures")!;
        Assert.Equal("found eyJ*** in fixtures", masked);
    }

    [Fact]
    public void Masks_private_key_blocks_whole_even_when_cut_off()
    {
        var block = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1234\nabcd\n-----END RSA PRIVATE KEY-----";
        var masked = SecretMasker.MaskText($"key file:\n{block}\nend")!;
        Assert.DoesNotContain("MIIEpAIBAAKCAQEA1234", masked);
        Assert.EndsWith("\nend", masked);

        var cut = SecretMasker.MaskText("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA")!;
        Assert.DoesNotContain("b3BlbnNzaC1rZXktdjEAAAAA", cut);
    }

    [Fact]
    public void Masks_slack_tokens_and_webhooks()
    {
        var masked = SecretMasker.MaskText($"{SlackBot} posts to https://hooks.slack.com/services/T000/B000/XXXXXXXX")!;
        Assert.Equal("xoxb-*** posts to https://hooks.slack.com/services/***", masked);
    }

    [Fact]
    public void Masks_bearer_and_basic_credentials_and_url_passwords()
    {
        var masked = SecretMasker.MaskText("Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123 then Basic dXNlcjpwYXNzd29yZDEyMw== and https://admin:pa55w0rd@example.com/db")!;
        Assert.Equal("Authorization: Bearer *** then Basic *** and https://admin:***@example.com/db", masked);
    }

    [Fact]
    public void Masking_twice_changes_nothing_more()
    {
        var text = $"api_key={GitHubClassic} {AwsKeyId} Bearer abcdefghijklmnopqrstuvwxyz {JwtToken}";
        var once = SecretMasker.MaskText(text);
        Assert.Equal(once, SecretMasker.MaskText(once));
        Assert.True(SecretMasker.ContainsSecret(text));
        Assert.False(SecretMasker.ContainsSecret(once));
    }

    [Fact]
    public void Huge_or_empty_text_never_throws()
    {
        Assert.Null(SecretMasker.MaskText(null));
        Assert.Equal("", SecretMasker.MaskText(""));
        var big = new string('a', 1_000_000) + "=" + new string('b', 1_000_000);
        Assert.NotNull(SecretMasker.MaskText(big));
        Assert.Equal(SecretMasker.Unscannable, SecretMasker.MaskText(new string('x', 5 * 1024 * 1024)));
    }
}
