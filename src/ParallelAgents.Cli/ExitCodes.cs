namespace ParallelAgents.Cli;

/// <summary>What the process exit code means, for scripts and CI.</summary>
public static class ExitCodes
{
    /// <summary>The job completed and no finding reached the <c>--fail-on</c> severity.</summary>
    public const int Ok = 0;

    /// <summary>Findings at or above <c>--fail-on</c>, or the job failed or was cancelled.</summary>
    public const int Findings = 1;

    /// <summary>Bad usage, a request the service rejected, or the service could not be reached.</summary>
    public const int UsageOrConnection = 2;
}
