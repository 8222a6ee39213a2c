using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Jobs;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Grains.Jobs;

/// <summary>Reads a job's results from the one place they live: its segments' ledgers.</summary>
public static class LedgerReader
{
    private const int Tries = 5;

    /// <summary>Every segment's results (one per item of that segment), the count per segment, and what could not be read.</summary>
    public static async Task<JobResults> ReadAsync(JobState job, Func<int, ISegmentGrain> segments)
    {
        var read = await Task.WhenAll(job.Segments.Where(s => s.Attempt > 0).Select(async s => (Segment: s, Read: await TryReadAsync(segments(s.Index)))));
        var results = new List<(string SegmentKey, ItemResult Result)>();
        var counts = new Dictionary<int, int>();
        var problems = new List<string>();
        foreach (var (segment, (ledger, problem)) in read)
        {
            if (problem is not null)
            {
                problems.Add($"Results of instance {segment.Index} ({segment.Key}) could not be read: {problem}");
                continue;
            }

            var mine = segment.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            var kept = ledger.Where(r => mine.Contains(r.ItemId)).ToArray();
            results.AddRange(kept.Select(r => (segment.Key, r)));
            counts[segment.Index] = kept.Length;
        }

        return new JobResults(results, counts, problems);
    }

    private static async Task<(IReadOnlyList<ItemResult> Results, string? Problem)> TryReadAsync(ISegmentGrain segment)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await segment.GetFinalResultsAsync(), null);
            }
            catch (Exception e) when (attempt < Tries && ClusterFaults.IsInstanceLoss(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (Exception e)
            {
                return ([], Text.FirstLine(e.Message));
            }
        }
    }
}
