namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>The records affecting each queried package version, and the source that answered.</summary>
/// <param name="Matches">Affecting records per query (queries without any are absent).</param>
/// <param name="Source">The source and its database date.</param>
public sealed record AdvisoryLookup(IReadOnlyDictionary<PackageQuery, IReadOnlyList<OsvRecord>> Matches, AdvisorySourceInfo Source);
