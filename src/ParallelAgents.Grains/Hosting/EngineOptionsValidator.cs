using Microsoft.Extensions.Options;

namespace ParallelAgents.Grains.Hosting;

/// <summary>Checks <see cref="EngineOptions"/> at start-up; each message names the configuration key.</summary>
public sealed class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    /// <summary>Orleans' shortest reminder period; the watchdog is a reminder.</summary>
    public static readonly TimeSpan MinimumWatchdogPeriod = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        const string S = EngineOptions.Section;
        var errors = new List<string>();
        if (options.RetryMaxAttempts is < 1 or > 100)
        {
            errors.Add($"{S}:RetryMaxAttempts must be between 1 and 100 (is {options.RetryMaxAttempts}).");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero)
        {
            errors.Add($"{S}:RetryBaseDelay must be positive (is {options.RetryBaseDelay}).");
        }

        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            errors.Add($"{S}:RetryMaxDelay must be at least {S}:RetryBaseDelay (is {options.RetryMaxDelay}, base {options.RetryBaseDelay}).");
        }

        if (options.MaxReassignments is < 0 or > 1000)
        {
            errors.Add($"{S}:MaxReassignments must be between 0 and 1000 (is {options.MaxReassignments}).");
        }

        if (options.SegmentLease <= TimeSpan.Zero)
        {
            errors.Add($"{S}:SegmentLease must be positive (is {options.SegmentLease}).");
        }

        if (options.DegradeAfterDispatchFailures is < 1 or > 1000)
        {
            errors.Add($"{S}:DegradeAfterDispatchFailures must be between 1 and 1000 (is {options.DegradeAfterDispatchFailures}).");
        }

        if (options.WatchdogPeriod < MinimumWatchdogPeriod)
        {
            errors.Add($"{S}:WatchdogPeriod must be at least {MinimumWatchdogPeriod} (Orleans' shortest reminder period; is {options.WatchdogPeriod}).");
        }

        if (options.MaxWorkItemsPerJob < 0)
        {
            errors.Add($"{S}:MaxWorkItemsPerJob must not be negative; 0 means no limit (is {options.MaxWorkItemsPerJob}).");
        }

        if (options.MaxJobDuration < TimeSpan.Zero)
        {
            errors.Add($"{S}:MaxJobDuration must not be negative; 0 means no limit (is {options.MaxJobDuration}).");
        }

        if (options.CheckpointInterval < TimeSpan.Zero)
        {
            errors.Add($"{S}:CheckpointInterval must not be negative; 0 checkpoints after every item (is {options.CheckpointInterval}).");
        }

        if (options.KeepFinishedJobFor < TimeSpan.Zero)
        {
            errors.Add($"{S}:KeepFinishedJobFor must not be negative; 0 deactivates a finished job's coordinator when idle (is {options.KeepFinishedJobFor}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
