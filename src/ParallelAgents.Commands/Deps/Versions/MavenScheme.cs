namespace ParallelAgents.Commands.Deps.Versions;

/// <summary>Maven ordering (ComparableVersion rules); every non-empty string is a version.</summary>
public sealed class MavenScheme : IVersionScheme
{
    /// <summary>The shared instance.</summary>
    public static MavenScheme Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "maven";

    /// <inheritdoc />
    public bool IsValid(string version) => !string.IsNullOrWhiteSpace(version) && !version.Contains("${", StringComparison.Ordinal);

    /// <inheritdoc />
    public int Compare(string left, string right) => new MavenVersion(left).CompareTo(new MavenVersion(right));
}
