using System.Globalization;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>
/// A finding's severity: the highest CVSS v3 base score computed from the vectors given; otherwise a qualitative
/// label (GitHub's LOW / MODERATE / HIGH / CRITICAL) mapped to a representative score; otherwise unknown.
/// </summary>
/// <param name="Score">0.0-10.0, or null when nothing was given.</param>
/// <param name="Vector">The vector the score came from.</param>
/// <param name="Source">cvss3, label, or none.</param>
public sealed record SeverityScore(double? Score, string? Vector, string Source)
{
    /// <summary>The severity level of the score (CVSS v3 qualitative bands); Medium when unknown.</summary>
    public Severity Level => Score switch
    {
        null => Severity.Medium,
        0 => Severity.Info,
        < 4.0 => Severity.Low,
        < 7.0 => Severity.Medium,
        < 9.0 => Severity.High,
        _ => Severity.Critical,
    };

    /// <summary>The score as SARIF's <c>security-severity</c> wants it ("0.0"-"10.0").</summary>
    public string? SecuritySeverity => Score?.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The highest severity over records and their affected entries for the package.</summary>
    public static SeverityScore Of(IEnumerable<OsvRecord> records, Func<OsvAffected, bool> isPackage)
    {
        SeverityScore best = new(null, null, "none");
        foreach (var record in records)
        {
            var entries = record.Severity.Concat(record.Affected.Where(isPackage).SelectMany(a => a.Severity));
            foreach (var entry in entries)
            {
                if (entry.Type.StartsWith("CVSS_V3", StringComparison.Ordinal) && Cvss3.BaseScore(entry.Score) is { } score
                    && (best.Source != "cvss3" || score > best.Score))
                {
                    best = new SeverityScore(score, entry.Score, "cvss3");
                }
            }

            if (best.Source == "cvss3")
            {
                continue;
            }

            var labels = record.Affected.Where(isPackage).Select(a => a.DatabaseSeverity).Append(record.DatabaseSeverity).OfType<string>();
            foreach (var label in labels)
            {
                double? score = label.ToUpperInvariant() switch
                {
                    "CRITICAL" => 9.5,
                    "HIGH" => 8.0,
                    "MODERATE" or "MEDIUM" => 5.5,
                    "LOW" => 2.0,
                    _ => null,
                };
                if (score is not null && (best.Score is null || score > best.Score))
                {
                    best = new SeverityScore(score, null, "label");
                }
            }
        }

        return best;
    }
}
