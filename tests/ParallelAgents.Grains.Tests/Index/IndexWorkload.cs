using ParallelAgents.Abstractions;
using ParallelAgents.Grains.Index;

namespace ParallelAgents.Grains.Tests.Index;

/// <summary>
/// A deterministic population of jobs spread over owners and days, each with the summaries a coordinator sends over
/// its life, some of them delivered out of order, and the row each job must end with.
/// </summary>
public sealed class IndexWorkload
{
    private static readonly JobStatus[] Outcomes =
        [JobStatus.Completed, JobStatus.Completed, JobStatus.CompletedWithErrors, JobStatus.Failed, JobStatus.Cancelled, JobStatus.Running, JobStatus.Pending, JobStatus.Planning];

    public IndexWorkload(int jobs, int owners, int days, int seed = 7)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var final = new List<JobSummary>(jobs);
        var sends = new List<JobSummary>(jobs * 3);
        for (var i = 0; i < jobs; i++)
        {
            // Every 10th job has no owner (a service without authentication); the rest belong to one of the owners.
            var owner = i % 10 == 0 ? null : $"owner-{random.Next(owners)}@example.com";
            var created = start.AddDays(random.Next(days)).AddMilliseconds(random.Next(86_400_000));
            var outcome = Outcomes[random.Next(Outcomes.Length)];
            var total = 8;
            var pending = new JobSummary($"job-{i:D6}", "synthetic", JobStatus.Pending, created, null, 0, 0, owner);
            var running = pending with { Status = JobStatus.Running, Instances = 4, ItemsDone = 3, ItemsTotal = total, Percent = 37.5 };
            var last = outcome switch
            {
                JobStatus.Pending => pending,
                JobStatus.Planning => pending with { Status = JobStatus.Planning },
                JobStatus.Running => running with { ItemsDone = 5, Percent = 62.5 },
                _ => running with { Status = outcome, CompletedAt = created.AddMinutes(1), ItemsDone = total, Percent = 100, Speedup = 3.2 },
            };
            final.Add(last);

            // A quarter of the jobs send an earlier summary first, as a coordinator does; another quarter have a stale
            // one delivered after the final one, which must not win. The rest send their final summary alone.
            var earlier = outcome is JobStatus.Pending or JobStatus.Planning ? pending : running;
            var stale = earlier == last ? pending : earlier;
            switch (i % 4)
            {
                case 0 when earlier != last:
                    sends.Add(earlier);
                    sends.Add(last);
                    break;
                case 1 when stale != last:
                    sends.Add(last);
                    sends.Add(stale);
                    break;
                default:
                    sends.Add(last);
                    break;
            }
        }

        Final = final;
        Sends = sends;
    }

    /// <summary>The row each job must end with.</summary>
    public IReadOnlyList<JobSummary> Final { get; }

    /// <summary>Every summary in the order sent; a job's summaries are sent one after the other.</summary>
    public IReadOnlyList<JobSummary> Sends { get; }

    /// <summary>The expected list: newest first, optionally one status and one owner.</summary>
    public JobSummary[] Expected(JobStatus? status, string? owner) =>
        [.. Final.Where(j => (status is null || j.Status == status) && (owner is null || j.Owner == owner))
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id, StringComparer.Ordinal)];

    /// <summary>
    /// Sends every summary to the index's original address, as the coordinator does, many jobs at once and each
    /// job's summaries one after the other.
    /// </summary>
    public async Task UpsertAllAsync(IGrainFactory grains, int concurrency = 256)
    {
        var index = grains.GetGrain<IJobIndexGrain>(0);
        var byJob = Sends.GroupBy(s => s.Id).ToArray();
        await Parallel.ForEachAsync(byJob, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (job, _) =>
        {
            foreach (var summary in job)
            {
                await index.UpsertAsync(summary);
            }
        });
    }
}
