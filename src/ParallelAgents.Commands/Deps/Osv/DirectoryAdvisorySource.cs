using ParallelAgents.Commands.Deps.Versions;

namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>
/// Advisories from a local OSV directory or zip. The index is built on first use, once per process (silo), and shared
/// by every job and instance; a failed build is not remembered, so a directory that appears later is picked up.
/// </summary>
public sealed class DirectoryAdvisorySource : IAdvisorySource
{
    private readonly string _path;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile OsvDirectoryIndex? _index;

    /// <summary>Creates the source; nothing is read until the first lookup.</summary>
    public DirectoryAdvisorySource(string path) => _path = path;

    /// <summary>The index, building it when this is the first call.</summary>
    public async Task<OsvDirectoryIndex> GetIndexAsync(CancellationToken cancellationToken)
    {
        if (_index is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_index is null)
            {
                try
                {
                    _index = await Task.Run(() => OsvDirectoryIndex.Build(_path, cancellationToken), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new AdvisorySourceException($"The OSV directory '{_path}' could not be read: {e.Message}", e);
                }
            }

            return _index;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<AdvisoryLookup> LookupAsync(IReadOnlyCollection<PackageQuery> queries, CancellationToken cancellationToken)
    {
        var index = await GetIndexAsync(cancellationToken).ConfigureAwait(false);
        var matches = new Dictionary<PackageQuery, IReadOnlyList<OsvRecord>>();
        foreach (var query in queries)
        {
            var scheme = VersionSchemes.For(query.Ecosystem);
            var key = OsvDirectoryIndex.Key(query.Ecosystem, query.Name);
            var found = index.Candidates(query.Ecosystem, query.Name)
                .Where(r => r.Withdrawn is null)
                .Where(r => r.Affected.Any(a => OsvDirectoryIndex.Key(a.Ecosystem, a.Name) == key && OsvMatcher.IsAffected(a, query.Version, scheme)))
                .ToArray();
            if (found.Length > 0)
            {
                matches[query] = found;
            }
        }

        return new AdvisoryLookup(matches, new AdvisorySourceInfo("directory", _path, index.DatabaseDate, index.Records, index.Skipped));
    }
}
