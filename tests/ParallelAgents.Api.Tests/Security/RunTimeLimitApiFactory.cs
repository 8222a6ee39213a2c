namespace ParallelAgents.Api.Tests.Security;

/// <summary>The secured service with a one-second job run time limit (Engine:MaxJobDuration).</summary>
public sealed class RunTimeLimitApiFactory : SecureApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [new("Engine:MaxJobDuration", "00:00:01")];
}
