namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>Reads one manifest or lockfile format.</summary>
public interface IManifestParser
{
    /// <summary>Format name for reports, e.g. <c>package-lock.json</c>.</summary>
    string Format { get; }

    /// <summary>True for lockfiles (resolved versions), false for manifests (declared requirements).</summary>
    bool IsLockfile { get; }

    /// <summary>Parses the file; throws <see cref="ManifestFormatException"/> (or the format library's exception) on bad input.</summary>
    ParsedManifest Parse(ManifestSource source);
}
