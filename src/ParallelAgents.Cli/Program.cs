namespace ParallelAgents.Cli;

/// <summary>The <c>parallel-agents</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line; Ctrl+C cancels the running job and waits for it to stop.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (!interrupt.IsCancellationRequested)
            {
                e.Cancel = true;
                interrupt.Cancel();
            }
        };
        return await CliApplication.RunAsync(args, CliEnvironment.FromProcess(), interrupt.Token);
    }
}
