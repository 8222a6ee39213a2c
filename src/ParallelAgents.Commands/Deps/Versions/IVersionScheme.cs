namespace ParallelAgents.Commands.Deps.Versions;

/// <summary>An ecosystem's version syntax and ordering.</summary>
public interface IVersionScheme
{
    /// <summary>Short name for reports (semver, pep440, maven, nuget).</summary>
    string Name { get; }

    /// <summary>True when the scheme can order <paramref name="version"/>.</summary>
    bool IsValid(string version);

    /// <summary>Orders two valid versions: negative when <paramref name="left"/> is lower.</summary>
    int Compare(string left, string right);
}
