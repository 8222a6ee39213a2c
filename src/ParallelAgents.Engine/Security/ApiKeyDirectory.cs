using System.Security.Cryptography;

namespace ParallelAgents.Engine.Security;

/// <summary>Finds the configured key a caller presented, comparing hashes in constant time.</summary>
public sealed class ApiKeyDirectory(IReadOnlyList<ApiKeyEntry> entries)
{
    /// <summary>The configured keys.</summary>
    public IReadOnlyList<ApiKeyEntry> Entries { get; } = entries;

    /// <summary>The entry whose hash matches the presented key, or null.</summary>
    /// <remarks>Every entry is compared, so the time taken does not reveal which key (if any) matched.</remarks>
    public ApiKeyEntry? Find(string? presentedKey)
    {
        if (string.IsNullOrEmpty(presentedKey) || presentedKey.Length > 4096)
        {
            return null;
        }

        var hash = ApiKeyHasher.Hash(presentedKey);
        ApiKeyEntry? found = null;
        foreach (var entry in Entries)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, entry.Sha256) && found is null)
            {
                found = entry;
            }
        }

        return found;
    }
}
