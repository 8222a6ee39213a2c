namespace ParallelAgents.Models.Clients;

/// <summary>A provider-neutral token estimate: about four characters of code or English per token, rounded up.</summary>
public static class TokenEstimate
{
    /// <summary>Tokens in <paramref name="characters"/> characters.</summary>
    public static long FromCharacters(long characters) => (characters + 3) / 4;

    /// <summary>Tokens in <paramref name="text"/>.</summary>
    public static long Of(string? text) => FromCharacters(text?.Length ?? 0);
}
