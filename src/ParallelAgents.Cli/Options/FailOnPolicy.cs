using System.Text.Json;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Cli.Options;

/// <summary>Decides the exit code from the canonical JSON report's finding counts and the <c>--fail-on</c> severity.</summary>
public static class FailOnPolicy
{
    /// <summary>Parses info, low, medium, high or critical; null for anything else.</summary>
    public static Severity? ParseSeverity(string? text) =>
        Enum.TryParse<Severity>(text?.Trim(), ignoreCase: true, out var severity) && Enum.IsDefined(severity) && !int.TryParse(text, out _)
            ? severity
            : null;

    /// <summary>Findings in the report at or above <paramref name="threshold"/>, from <c>summary.bySeverity</c>.</summary>
    public static int CountAtOrAbove(string jsonReport, Severity threshold)
    {
        using var document = JsonDocument.Parse(jsonReport);
        if (!document.RootElement.TryGetProperty("summary", out var summary) || !summary.TryGetProperty("bySeverity", out var bySeverity))
        {
            throw new CliException("The report has no summary.bySeverity; is the server a ParallelAgents service of the same version?");
        }

        var count = 0;
        foreach (var property in bySeverity.EnumerateObject())
        {
            if (ParseSeverity(property.Name) is { } severity && severity >= threshold && property.Value.TryGetInt32(out var n))
            {
                count += n;
            }
        }

        return count;
    }
}
