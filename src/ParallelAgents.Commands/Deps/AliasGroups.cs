using ParallelAgents.Commands.Deps.Osv;

namespace ParallelAgents.Commands.Deps;

/// <summary>Merges records that name each other (by id or alias) so one vulnerability is reported once.</summary>
public static class AliasGroups
{
    /// <summary>Groups of records sharing any id or alias, transitively.</summary>
    public static IReadOnlyList<IReadOnlyList<OsvRecord>> Merge(IEnumerable<OsvRecord> records)
    {
        var list = records.DistinctBy(r => r.Id, StringComparer.Ordinal).ToList();
        var parent = Enumerable.Range(0, list.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var owner = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Count; i++)
        {
            foreach (var id in list[i].Aliases.Prepend(list[i].Id))
            {
                if (owner.TryGetValue(id, out var other))
                {
                    parent[Find(i)] = Find(other);
                }
                else
                {
                    owner[id] = i;
                }
            }
        }

        return list.Select((r, i) => (r, i)).GroupBy(x => Find(x.i)).Select(g => (IReadOnlyList<OsvRecord>)g.Select(x => x.r).ToArray()).ToArray();
    }

    /// <summary>The primary id (a CVE when any, else a GHSA, else the smallest id) and every other id, sorted.</summary>
    public static (string Primary, IReadOnlyList<string> Aliases) Name(IReadOnlyList<OsvRecord> group)
    {
        var ids = group.SelectMany(r => r.Aliases.Prepend(r.Id)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
        var primary = ids.FirstOrDefault(i => i.StartsWith("CVE-", StringComparison.OrdinalIgnoreCase))
            ?? ids.FirstOrDefault(i => i.StartsWith("GHSA-", StringComparison.OrdinalIgnoreCase))
            ?? ids[0];
        return (primary, ids.Where(i => i != primary).ToArray());
    }
}
