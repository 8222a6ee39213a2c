using System.Globalization;

namespace ParallelAgents.Grains.Index;

/// <summary>
/// How the index is addressed. A scope is everyone's jobs (<see cref="AllScope"/>) or one owner's; each scope has a
/// directory grain (keyed by the scope) and one bucket grain per UTC day of creation (keyed scope/day).
/// </summary>
public static class JobIndexKeys
{
    /// <summary>The scope holding every job, whatever its owner.</summary>
    public const string AllScope = "*";

    private const string OwnerPrefix = "o:";

    /// <summary>The scope of an owner's jobs; null means everyone's.</summary>
    public static string Scope(string? owner) =>
        owner is null ? AllScope : OwnerPrefix + Uri.EscapeDataString(owner);

    /// <summary>The bucket a job created at <paramref name="createdAt"/> falls in, as yyyymmdd in UTC.</summary>
    public static int Day(DateTimeOffset createdAt)
    {
        var utc = createdAt.UtcDateTime;
        return (utc.Year * 10_000) + (utc.Month * 100) + utc.Day;
    }

    /// <summary>The key of a scope's bucket for a day.</summary>
    public static string Bucket(string scope, int day) => scope + "/" + day.ToString(CultureInfo.InvariantCulture);

    /// <summary>Splits a bucket key into its scope and day.</summary>
    public static (string Scope, int Day) ParseBucket(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            throw new ArgumentException($"'{key}' is not a job index bucket key (scope/yyyymmdd).", nameof(key));
        }

        return (key[..slash], day);
    }
}
