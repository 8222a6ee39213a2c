namespace ParallelAgents.Commands.Test;

/// <summary>The suite types tests are classified into; one segment per type.</summary>
public static class TestTypes
{
    public const string Unit = "unit";
    public const string Integration = "integration";
    public const string E2E = "e2e";
    public const string Performance = "performance";
    public const string Security = "security";

    /// <summary>Every type, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Unit, Integration, E2E, Performance, Security];

    private static readonly (string Type, string[] Words)[] Vocabulary =
    [
        (E2E, ["e2e", "end2end", "endtoend", "end-to-end", "end_to_end", "acceptance", "ui", "browser", "playwright", "cypress", "selenium"]),
        (Performance, ["performance", "perf", "benchmark", "benchmarks", "bench", "loadtest", "loadtests", "stress", "perftest", "perftests"]),
        (Security, ["security", "sec", "auth", "authz", "vuln", "fuzz", "fuzzing", "penetration", "pentest"]),
        (Integration, ["integration", "integrationtests", "integration-tests", "integration_tests", "it", "functional"]),
        (Unit, ["unit", "unittests", "unit-tests", "unit_tests", "small"]),
    ];

    /// <summary>
    /// The type named by a marker, trait value, build tag or path word (case-insensitive), or null when it names none.
    /// "IntegrationTests", "test_perf_x" and "e2e-login" all count.
    /// </summary>
    public static string? FromWord(string? word)
    {
        if (string.IsNullOrWhiteSpace(word))
        {
            return null;
        }

        var w = word.Trim().ToLowerInvariant();
        foreach (var (type, words) in Vocabulary)
        {
            if (words.Contains(w, StringComparer.Ordinal))
            {
                return type;
            }
        }

        // Compound names ("IntegrationTests", "test_perf_login", "e2e-checkout"): any part that unambiguously names a type.
        foreach (var part in SplitWords(word.Trim()))
        {
            foreach (var (type, words) in Vocabulary)
            {
                if (words.Contains(part, StringComparer.Ordinal) && !Ambiguous.Contains(part))
                {
                    return type;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The type for a test: explicit markers first (the first that names a type), then the file's path (deepest
    /// folder or name that names a type), else unit.
    /// </summary>
    public static string Classify(string relativePath, IEnumerable<string> markers)
    {
        foreach (var marker in markers)
        {
            if (FromWord(marker) is { } t)
            {
                return t;
            }
        }

        var parts = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            var name = i == parts.Length - 1 ? StripTestAffixes(parts[i]) : parts[i];
            if (FromWord(name) is { } t)
            {
                return t;
            }
        }

        return Unit;
    }

    private static readonly HashSet<string> Ambiguous = new(StringComparer.Ordinal)
    {
        "it", "ui", "sec", "small", "auth", "functional", "bench", "unit",
    };

    private static IEnumerable<string> SplitWords(string word)
    {
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var boundary = !char.IsLetterOrDigit(c) || (char.IsUpper(c) && i > 0 && char.IsLower(word[i - 1]));
            if (boundary && current.Length > 0)
            {
                yield return current.ToString().ToLowerInvariant();
                current.Clear();
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString().ToLowerInvariant();
        }
    }

    private static string StripTestAffixes(string fileName)
    {
        var stem = fileName;
        var dot = stem.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            stem = stem[..dot];
        }

        foreach (var affix in new[] { "test_", "test-", "tests_" })
        {
            if (stem.StartsWith(affix, StringComparison.OrdinalIgnoreCase))
            {
                stem = stem[affix.Length..];
            }
        }

        foreach (var affix in new[] { "_test", "-test", "_tests", "Tests", "Test", "_spec", "-spec" })
        {
            if (stem.EndsWith(affix, StringComparison.Ordinal))
            {
                stem = stem[..^affix.Length];
            }
        }

        return stem;
    }
}
