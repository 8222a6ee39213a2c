using Microsoft.Extensions.Options;

namespace ParallelAgents.Grains.Scheduling;

/// <summary>Checks <see cref="SchedulingOptions"/> at start-up; each message names the configuration key.</summary>
public sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    /// <summary>Twice the period at which a coordinator that holds slots re-sends its view.</summary>
    public static readonly TimeSpan MinimumJobExpiry = TimeSpan.FromMinutes(2);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        const string S = SchedulingOptions.Section;
        var errors = new List<string>();
        if (options.SegmentsPerCore is <= 0 or > 64 || double.IsNaN(options.SegmentsPerCore))
        {
            errors.Add($"{S}:SegmentsPerCore must be above 0 and at most 64 (is {options.SegmentsPerCore}).");
        }

        if (options.LatencyBoundShare is < 1 or > 1000)
        {
            errors.Add($"{S}:LatencyBoundShare must be between 1 and 1000 (is {options.LatencyBoundShare}).");
        }

        if (options.MaxSegmentsPerSilo < 0)
        {
            errors.Add($"{S}:MaxSegmentsPerSilo must not be negative; 0 means no cap (is {options.MaxSegmentsPerSilo}).");
        }

        if (options.MemoryPerSegmentBytes < 0)
        {
            errors.Add($"{S}:MemoryPerSegmentBytes must not be negative; 0 means memory is not counted (is {options.MemoryPerSegmentBytes}).");
        }

        if (options.CpuPressurePercent is <= 0 or > 100 || double.IsNaN(options.CpuPressurePercent))
        {
            errors.Add($"{S}:CpuPressurePercent must be above 0 and at most 100 (is {options.CpuPressurePercent}).");
        }

        if (options.MemoryPressurePercent is <= 0 or > 100 || double.IsNaN(options.MemoryPressurePercent))
        {
            errors.Add($"{S}:MemoryPressurePercent must be above 0 and at most 100 (is {options.MemoryPressurePercent}).");
        }

        foreach (var (key, value) in new[]
        {
            ("AgeingInterval", options.AgeingInterval), ("ReportInterval", options.ReportInterval), ("SiloExpiry", options.SiloExpiry), ("JobExpiry", options.JobExpiry),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{S}:{key} must be positive (is {value}).");
            }
        }

        if (options.SiloExpiry > TimeSpan.Zero && options.SiloExpiry <= options.ReportInterval)
        {
            errors.Add($"{S}:SiloExpiry must be longer than {S}:ReportInterval (is {options.SiloExpiry}, interval {options.ReportInterval}), or every silo expires between its reports.");
        }

        if (options.JobExpiry > TimeSpan.Zero && options.JobExpiry < MinimumJobExpiry)
        {
            errors.Add($"{S}:JobExpiry must be at least {MinimumJobExpiry}: a coordinator that holds slots re-sends its view once a minute (is {options.JobExpiry}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
