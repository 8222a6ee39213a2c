namespace ParallelAgents.Commands.Deps;

/// <summary>What one manifest or lockfile declares.</summary>
/// <param name="Dependencies">Dependencies in file order.</param>
/// <param name="ProjectLicenses">Licenses the file declares for its own project.</param>
public sealed record ParsedManifest(IReadOnlyList<Dependency> Dependencies, IReadOnlyList<DeclaredLicense> ProjectLicenses)
{
    /// <summary>Dependencies only.</summary>
    public static ParsedManifest Of(IReadOnlyList<Dependency> dependencies) => new(dependencies, []);
}
