namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>A database of OSV advisories.</summary>
public interface IAdvisorySource
{
    /// <summary>Finds the non-withdrawn records that affect each package version.</summary>
    /// <exception cref="AdvisorySourceException">The database could not be read or reached.</exception>
    Task<AdvisoryLookup> LookupAsync(IReadOnlyCollection<PackageQuery> queries, CancellationToken cancellationToken);
}
