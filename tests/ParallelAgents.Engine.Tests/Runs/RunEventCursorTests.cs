using ParallelAgents.Engine.Runs;

namespace ParallelAgents.Engine.Tests.Runs;

public sealed class RunEventCursorTests
{
    [Fact]
    public void Each_job_moves_on_by_its_own_event_ids_and_its_end_and_the_id_names_them_all()
    {
        var cursor = RunEventCursor.Parse(null, 3);
        Assert.Equal("0.0.0", cursor.ToString());
        cursor.Saw(0, "3", "itemCompleted");
        cursor.Saw(2, "12", "itemCompleted");
        cursor.Saw(2, "7", "itemCompleted");
        cursor.Saw(1, null, "snapshot");
        Assert.Equal("3.0.12", cursor.ToString());

        // A job's end counts whether it came from the job's events (with an id) or from its final state (without).
        cursor.Saw(1, null, "jobCompleted");
        Assert.Equal("3.x.12", cursor.ToString());
        var parsed = RunEventCursor.Parse(cursor.ToString(), 3);
        Assert.Equal([3L, 0, 12], parsed.Seen);
        Assert.Equal([false, true, false], parsed.Ended);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("1.2")]
    [InlineData("1.y.3")]
    [InlineData("1.-2.3")]
    [InlineData("")]
    public void An_id_that_is_not_one_of_this_runs_starts_from_the_beginning(string id)
    {
        var cursor = RunEventCursor.Parse(id, 3);
        Assert.Equal([0L, 0, 0], cursor.Seen);
        Assert.DoesNotContain(true, cursor.Ended);
    }
}
