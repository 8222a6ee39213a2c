using ParallelAgents.Abstractions;

namespace ParallelAgents.Grains.Index;

/// <summary>
/// Which of two summaries of one job is the later, so upserts that arrive out of order never move a row backwards:
/// a terminal status is final, a non-terminal status only advances (pending, planning, running), and within one
/// status the summary with more items done is the later. A tie replaces the row, so the latest metrics show.
/// </summary>
public static class JobSummaryOrder
{
    /// <summary>True when <paramref name="incoming"/> should replace <paramref name="current"/>.</summary>
    public static bool Supersedes(JobSummary incoming, JobSummary current)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(current);
        var (incomingEnded, currentEnded) = (incoming.Status.IsTerminal(), current.Status.IsTerminal());
        if (incomingEnded != currentEnded)
        {
            return incomingEnded;
        }

        if (incoming.Status != current.Status)
        {
            // Two different terminal statuses: the first one recorded is the job's outcome.
            return !currentEnded && incoming.Status > current.Status;
        }

        return incoming.ItemsDone >= current.ItemsDone;
    }
}
