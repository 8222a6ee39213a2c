namespace ParallelAgents.Commands.Deps.Versions;

/// <summary>PEP 440 ordering for PyPI: epochs, pre/post/dev releases and local versions.</summary>
public sealed class Pep440Scheme : IVersionScheme
{
    /// <summary>The shared instance.</summary>
    public static Pep440Scheme Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "pep440";

    /// <inheritdoc />
    public bool IsValid(string version) => Pep440Version.TryParse(version, out _);

    /// <inheritdoc />
    public int Compare(string left, string right) =>
        Pep440Version.TryParse(left, out var l) && Pep440Version.TryParse(right, out var r)
            ? l.CompareTo(r)
            : string.CompareOrdinal(left, right);
}
