namespace ParallelAgents.Abstractions;

/// <summary>Storage and stream provider names, in one place so silos, clients and tests agree.</summary>
public static class Names
{
    /// <summary>Grain storage of CommandGrain state.</summary>
    public const string JobStorage = "jobs";

    /// <summary>Grain storage of SegmentGrain ledgers.</summary>
    public const string SegmentStorage = "segments";

    /// <summary>Grain storage of the job index.</summary>
    public const string IndexStorage = "index";

    /// <summary>Grain storage of model answers (the response cache) and per-job model usage.</summary>
    public const string ModelStorage = "models";

    /// <summary>Storage Orleans needs for explicit stream subscriptions.</summary>
    public const string PubSubStorage = "PubSubStore";

    /// <summary>Stream provider carrying progress events.</summary>
    public const string StreamProvider = "progress";

    /// <summary>Stream namespace; the stream key is the job id.</summary>
    public const string ProgressNamespace = "job-progress";
}
