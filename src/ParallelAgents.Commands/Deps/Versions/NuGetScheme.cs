using NuGet.Versioning;

namespace ParallelAgents.Commands.Deps.Versions;

/// <summary>NuGet ordering (four-part versions, case-insensitive prerelease labels, metadata ignored) by NuGet.Versioning.</summary>
public sealed class NuGetScheme : IVersionScheme
{
    /// <summary>The shared instance.</summary>
    public static NuGetScheme Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "nuget";

    /// <inheritdoc />
    public bool IsValid(string version) => NuGetVersion.TryParse(version, out _);

    /// <inheritdoc />
    public int Compare(string left, string right) =>
        NuGetVersion.TryParse(left, out var l) && NuGetVersion.TryParse(right, out var r)
            ? Math.Sign(VersionComparer.Default.Compare(l, r))
            : string.CompareOrdinal(left, right);
}
