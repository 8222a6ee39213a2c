using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Scheduling;

/// <summary>The scheduler's record of one job: what it waits for, what it holds, what was set aside for it.</summary>
[GenerateSerializer, Alias("pa.QueuedJob")]
public sealed class QueuedJob
{
    /// <summary>The job.</summary>
    [Id(0)] public string JobId { get; set; } = "";

    /// <summary>Its priority.</summary>
    [Id(1)] public JobPriority Priority { get; set; }

    /// <summary>When its wait began.</summary>
    [Id(2)] public DateTimeOffset QueuedAt { get; set; }

    /// <summary>Segments waiting for a slot, offers not counted.</summary>
    [Id(3)] public int Waiting { get; set; }

    /// <summary>Work items in the waiting segments.</summary>
    [Id(4)] public int WaitingItems { get; set; }

    /// <summary>Slots held, by silo.</summary>
    [Id(5)] public Dictionary<string, int> Held { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Slots set aside for the job that its coordinator has not asked for yet, one silo each.</summary>
    [Id(6)] public List<string> Offered { get; set; } = [];

    /// <summary>Position in the queue last told to the coordinator.</summary>
    [Id(7)] public int? ToldPosition { get; set; }

    /// <summary>When its coordinator last sent its demand; a job silent past <c>JobExpiry</c> is dropped with its slots.</summary>
    [Id(8)] public DateTimeOffset LastSeen { get; set; }

    /// <summary>Its segments mostly wait rather than compute: each takes <c>1 / LatencyBoundShare</c> of a slot.</summary>
    [Id(9)] public bool LatencyBound { get; set; }

    /// <summary>When <see cref="ToldPosition"/> was told.</summary>
    [Id(10)] public DateTimeOffset ToldAt { get; set; }

    /// <summary>True while segments of it wait (offers still count as waiting until taken).</summary>
    public bool IsWaiting => Waiting > 0 || Offered.Count > 0;
}
