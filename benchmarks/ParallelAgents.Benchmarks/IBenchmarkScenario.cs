namespace ParallelAgents.Benchmarks;

/// <summary>One benchmark: prints its figures as Markdown to standard output.</summary>
public interface IBenchmarkScenario
{
    /// <summary>Name on the command line, e.g. <c>b2</c> or <c>prime</c>.</summary>
    string Name { get; }

    /// <summary>One line on what it measures.</summary>
    string Description { get; }

    /// <summary>Runs and prints the figures.</summary>
    Task RunAsync(string[] args, CancellationToken cancellationToken);
}
