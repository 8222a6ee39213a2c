using System.Security.Cryptography;
using System.Text;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Aggregation;

/// <summary>A stable identity for a finding: the same problem at the same place always gets the same fingerprint.</summary>
public static class FindingFingerprint
{
    /// <summary>Hex SHA-256 (first 32 characters) of rule id, file, line and whitespace-normalised message.</summary>
    public static string Compute(Finding finding)
    {
        var message = string.Join(' ', finding.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var text = $"{finding.RuleId}\n{finding.File?.Replace('\\', '/')}\n{finding.Line}\n{message}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash)[..32];
    }

    /// <summary>The finding with its fingerprint filled in when it had none.</summary>
    public static Finding Ensure(Finding finding) =>
        string.IsNullOrEmpty(finding.Fingerprint) ? finding with { Fingerprint = Compute(finding) } : finding;
}
