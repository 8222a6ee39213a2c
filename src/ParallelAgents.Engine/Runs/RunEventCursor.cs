using System.Globalization;

namespace ParallelAgents.Engine.Runs;

/// <summary>
/// Where a follower of a run's event stream stands: for each of the run's jobs, in the run's order, the last event id
/// seen, or <c>x</c> once its <c>jobCompleted</c> was sent. It is the id of every event of the run's stream
/// (<c>3.x.12</c>: job 1 up to its event 3, job 2 ended, job 3 up to 12), so a client that reconnects with
/// <c>Last-Event-ID</c> resumes each job after what it had and hears nothing more of the jobs whose end it has.
/// </summary>
public sealed class RunEventCursor
{
    private const string EndedMark = "x";

    private readonly long[] _seen;
    private readonly bool[] _ended;

    private RunEventCursor(int jobs)
    {
        _seen = new long[jobs];
        _ended = new bool[jobs];
    }

    /// <summary>The last event seen of each job.</summary>
    public IReadOnlyList<long> Seen => _seen;

    /// <summary>Whether each job's end was sent.</summary>
    public IReadOnlyList<bool> Ended => _ended;

    /// <summary>
    /// The cursor a <c>Last-Event-ID</c> names for a run of <paramref name="jobs"/> jobs; from the start when there is
    /// none or it is not one of this run's ids (a browser may send another stream's).
    /// </summary>
    public static RunEventCursor Parse(string? lastEventId, int jobs)
    {
        var cursor = new RunEventCursor(jobs);
        var parts = lastEventId?.Split('.') ?? [];
        if (parts.Length != jobs)
        {
            return cursor;
        }

        for (var i = 0; i < jobs; i++)
        {
            if (parts[i] == EndedMark)
            {
                cursor._ended[i] = true;
            }
            else if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out cursor._seen[i]))
            {
                return new RunEventCursor(jobs);
            }
        }

        return cursor;
    }

    /// <summary>
    /// Moves job <paramref name="job"/> on to its event <paramref name="eventId"/> (a job stream's id; none for the
    /// snapshot); its <c>jobCompleted</c> ends it, with or without an id.
    /// </summary>
    public void Saw(int job, string? eventId, string? eventType)
    {
        if (long.TryParse(eventId, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq > _seen[job])
        {
            _seen[job] = seq;
        }

        _ended[job] |= eventType == "jobCompleted";
    }

    /// <summary>The id for the stream's next event.</summary>
    public override string ToString() =>
        string.Join('.', _seen.Select((s, i) => _ended[i] ? EndedMark : s.ToString(CultureInfo.InvariantCulture)));
}
