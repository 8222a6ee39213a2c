using System.Security.Cryptography;
using System.Text;

namespace ParallelAgents.Engine.Security;

/// <summary>
/// API keys are kept as the hex of their SHA-256, never in clear; a presented key is hashed and compared in constant time.
/// </summary>
public static class ApiKeyHasher
{
    /// <summary>Lower-case hex of the SHA-256 of the key's UTF-8 bytes (what goes into <c>Auth:ApiKeys:N:Sha256</c>).</summary>
    public static string HashHex(string key) => Convert.ToHexStringLower(Hash(key));

    /// <summary>The SHA-256 of the key's UTF-8 bytes.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Parses a configured hash: 64 hex digits, either case, surrounding spaces ignored.</summary>
    public static bool TryParseHash(string? hex, out byte[] hash)
    {
        hash = [];
        var text = hex?.Trim();
        if (text is null || text.Length != 64 || !text.All(Uri.IsHexDigit))
        {
            return false;
        }

        hash = Convert.FromHexString(text);
        return true;
    }

    /// <summary>True when the presented key hashes to the expected hash; the comparison takes the same time wherever they differ.</summary>
    public static bool Matches(string presentedKey, ReadOnlySpan<byte> expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(presentedKey), expectedHash);
}
