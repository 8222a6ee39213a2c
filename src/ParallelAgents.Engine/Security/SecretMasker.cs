using System.Text.RegularExpressions;

namespace ParallelAgents.Engine.Security;

/// <summary>
/// Replaces values that look like secrets (cloud keys, tokens, connection-string keys, passwords, private keys) with
/// <see cref="Mask"/>, keeping a short non-secret prefix where it helps a reader see what kind of secret it was.
/// </summary>
public static partial class SecretMasker
{
    /// <summary>What a secret value is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>Text too long or too complex to scan in time is replaced whole, since it may hold a secret.</summary>
    public const string Unscannable = "[masked: text too large to scan for secrets]";

    private const int MaxLength = 4 * 1024 * 1024;

    /// <summary>The text with every secret-looking value masked; null stays null.</summary>
    public static string? MaskText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (text.Length > MaxLength)
        {
            return Unscannable;
        }

        try
        {
            text = PrivateKeyBlock().Replace(text, "-----BEGIN PRIVATE KEY-----" + Mask + "-----END PRIVATE KEY-----");
            text = UnterminatedPrivateKey().Replace(text, "-----BEGIN PRIVATE KEY-----" + Mask);
            text = Jwt().Replace(text, "eyJ" + Mask);
            text = AwsAccessKeyId().Replace(text, m => m.Value[..4] + Mask);
            text = GitHubToken().Replace(text, m => m.Groups["prefix"].Value + Mask);
            text = SlackToken().Replace(text, m => m.Groups["prefix"].Value + Mask);
            text = SlackWebhook().Replace(text, "https://hooks.slack.com/services/" + Mask);
            text = ConnectionStringKey().Replace(text, m => m.Groups["name"].Value + "=" + Mask);
            text = BearerOrBasic().Replace(text, m => m.Groups["scheme"].Value + " " + Mask);
            text = UrlPassword().Replace(text, m => m.Groups["user"].Value + ":" + Mask + "@");
            text = NamedSecret().Replace(text, m => m.Groups["lead"].Value + Mask);
            return text;
        }
        catch (RegexMatchTimeoutException)
        {
            return Unscannable;
        }
    }

    /// <summary>True when <see cref="MaskText"/> would change the text.</summary>
    public static bool ContainsSecret(string? text) => !string.Equals(MaskText(text), text, StringComparison.Ordinal);

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PrivateKeyBlock();

    // A block cut off before its END line (a truncated file or message) is still a key.
    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?!\*\*\*-----END).*\z", RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex UnterminatedPrivateKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"\b(?<prefix>gh[pousr]_|github_pat_)[A-Za-z0-9_]{20,255}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\b(?<prefix>xox[abposre]-|xapp-)[A-Za-z0-9-]{10,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"https://hooks\.slack\.com/services/[A-Za-z0-9/_-]+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SlackWebhook();

    // Azure storage / Service Bus / Event Hubs connection strings and SAS query strings.
    [GeneratedRegex(@"(?<name>\b(?:AccountKey|SharedAccessKey|SharedSecretValue|sig))=(?<value>[^;&\s""'<>]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ConnectionStringKey();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic))\s+(?!\*\*\*)[A-Za-z0-9._~+/-]{16,}=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BearerOrBasic();

    [GeneratedRegex(@"(?<user>\b[a-z][a-z0-9+.-]*://[^\s:/@""']+):(?!\*\*\*@)[^\s@/""']+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex UrlPassword();

    // name = value, name: value, "name": "value" for names that say they hold a secret (not its name, id, file...).
    [GeneratedRegex(
        @"(?<lead>\b[A-Za-z0-9_.-]*(?:api[_-]?key|apikey|access[_-]?key|secret|passwd|password|pwd|token|client[_-]?secret|private[_-]?key|credential)s?[A-Za-z0-9_.-]*(?<!name|id|type|file|path|length|count|policy|hint|expiry|required)[""']?\s*(?:=|:)\s*[""']?)(?!\*\*\*|\d{1,9}\b|(?:true|false|null|none|yes|no)\b)(?<value>[^\s""',;&}<>\]\)]{3,})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NamedSecret();
}
