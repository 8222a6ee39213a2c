namespace ParallelAgents.Engine.Runs;

/// <summary>Where a cross-command run stands, from its jobs' statuses.</summary>
public enum RunStatus
{
    /// <summary>At least one job has not ended.</summary>
    Running,

    /// <summary>Every job ended completed (with or without item errors).</summary>
    Completed,

    /// <summary>Every job ended and at least one failed.</summary>
    Failed,

    /// <summary>Every job ended, none failed, and at least one was cancelled.</summary>
    Cancelled,
}
