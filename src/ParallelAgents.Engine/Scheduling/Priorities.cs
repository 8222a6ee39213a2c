using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Scheduling;

/// <summary>The priorities' names in requests and their order.</summary>
public static class Priorities
{
    /// <summary>The accepted names, most urgent first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["critical", "high", "normal", "low"];

    /// <summary>Low 0, normal 1, high 2, critical 3: the levels ageing climbs.</summary>
    public static int Rank(JobPriority priority) => priority switch
    {
        JobPriority.Low => 0,
        JobPriority.High => 2,
        JobPriority.Critical => 3,
        _ => 1,
    };

    /// <summary>The highest rank; a job that waited <c>Highest × AgeingInterval</c> ranks with a fresh critical one.</summary>
    public const int Highest = 3;

    /// <summary>Reads a request's value; only the exact lower-case names are accepted.</summary>
    public static bool TryParse(string? text, out JobPriority priority)
    {
        (var ok, priority) = text switch
        {
            "critical" => (true, JobPriority.Critical),
            "high" => (true, JobPriority.High),
            "normal" => (true, JobPriority.Normal),
            "low" => (true, JobPriority.Low),
            _ => (false, JobPriority.Normal),
        };
        return ok;
    }

    /// <summary>The request's name of a priority.</summary>
    public static string Name(JobPriority priority) => priority switch
    {
        JobPriority.Low => "low",
        JobPriority.High => "high",
        JobPriority.Critical => "critical",
        _ => "normal",
    };
}
