namespace ParallelAgents.Hosting.Topology;

/// <summary>How a front end in the <see cref="OrleansRole.Client"/> role talks to the cluster. Section <c>Orleans:Client</c>.</summary>
public sealed class OrleansClientOptions
{
    /// <summary>
    /// How long a read (a job's snapshot, events, report, the job list) keeps retrying a cluster that does not answer
    /// before the request is answered 503 with Retry-After.
    /// </summary>
    public TimeSpan UnavailableTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long one grain call waits for its answer. The client is not told when the gateway a call went through dies,
    /// so such a call fails (and a read is retried through another gateway) after this time.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the client reads the live gateways from the clustering table (new silos, silos gone).</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Retry-After, in seconds, of a 503 answered while the cluster cannot be reached.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>How long to wait between attempts to reach the cluster at start-up; the front end keeps trying.</summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
