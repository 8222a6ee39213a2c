using System.Globalization;
using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Test.Results;

/// <summary>
/// Reads the output of Rust's libtest (what <c>cargo test</c> prints): <c>test name ... ok|FAILED|ignored</c>
/// lines, and the <c>---- name stdout ----</c> sections with the panic location and message.
/// </summary>
public static partial class LibtestParser
{
    /// <summary>Parses cargo test output.</summary>
    public static ParsedRun Parse(string output)
    {
        var details = new Dictionary<string, (string? Message, string? File, int? Line)>(StringComparer.Ordinal);
        foreach (Match section in Section().Matches(output))
        {
            var body = section.Groups["body"].Value;
            var panic = Panic().Match(body);
            if (panic.Success)
            {
                var message = body[(panic.Index + panic.Length)..].Split('\n').Select(s => s.Trim()).FirstOrDefault(s => s.Length > 0 && !s.StartsWith("note:", StringComparison.Ordinal));
                details[section.Groups["name"].Value] = (message ?? panic.Groups["inline"].Value.Trim(), panic.Groups["file"].Value, int.Parse(panic.Groups["line"].Value, CultureInfo.InvariantCulture));
            }
        }

        var cases = new List<TestCaseResult>();
        var sawSummary = false;
        foreach (Match m in Result().Matches(output))
        {
            var name = m.Groups["name"].Value;
            var outcome = m.Groups["result"].Value switch
            {
                "ok" => TestOutcome.Passed,
                "FAILED" => TestOutcome.Failed,
                _ => TestOutcome.Skipped,
            };
            details.TryGetValue(name, out var d);
            cases.Add(new TestCaseResult(name, null, outcome, d.Message, d.File, d.Line, 0, name));
        }

        sawSummary = output.Contains("test result:", StringComparison.Ordinal);
        if (!sawSummary && cases.Count == 0)
        {
            var error = output.Split('\n').Select(s => s.Trim()).FirstOrDefault(s => s.StartsWith("error", StringComparison.Ordinal));
            return error is null ? ParsedRun.Unreadable("cargo test printed no test results") : new ParsedRun([new TestCaseResult("(build)", null, TestOutcome.Errored, error, null, null, 0)]);
        }

        return new ParsedRun(cases);
    }

    [GeneratedRegex(@"^test (?<name>\S+)(?: - should panic)? \.\.\. (?<result>ok|FAILED|ignored)(?:, .*)?\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Result();

    [GeneratedRegex(@"^---- (?<name>\S+) stdout ----\r?\n(?<body>(?:(?!^---- |^failures:).*\r?\n?)*)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Section();

    [GeneratedRegex(@"panicked at (?:'(?<inline>[^']*)', )?(?<file>[^\s:]+\.rs):(?<line>\d+):\d+:?", RegexOptions.CultureInvariant)]
    private static partial Regex Panic();
}
