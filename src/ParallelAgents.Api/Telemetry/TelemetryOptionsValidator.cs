using Microsoft.Extensions.Options;

namespace ParallelAgents.Api.Telemetry;

/// <summary>Refuses a sampling ratio outside 0–1 at start-up, naming the setting.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options) =>
        options.Tracing.SamplingRatio is >= 0 and <= 1 && !double.IsNaN(options.Tracing.SamplingRatio)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Telemetry:Tracing:SamplingRatio must be between 0 and 1 (got {options.Tracing.SamplingRatio}).");
}
