namespace ParallelAgents.Engine.Security;

/// <summary>A configured API key: the caller's name, the SHA-256 of the key and the scopes it grants.</summary>
/// <param name="Name">Identity name; jobs submitted with the key belong to it.</param>
/// <param name="Sha256">SHA-256 of the key (32 bytes).</param>
/// <param name="Scopes">Granted scopes, see <see cref="Scopes"/>.</param>
public sealed record ApiKeyEntry(string Name, byte[] Sha256, IReadOnlyList<string> Scopes);
