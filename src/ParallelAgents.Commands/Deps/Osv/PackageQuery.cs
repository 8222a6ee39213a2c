namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>One package version to look up.</summary>
/// <param name="Ecosystem">OSV ecosystem.</param>
/// <param name="Name">Package name as declared.</param>
/// <param name="Version">Exact version.</param>
public sealed record PackageQuery(string Ecosystem, string Name, string Version);
