using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Test.Results;

/// <summary>
/// Reads <c>go test -json</c> events (one JSON object per line: Action run/pass/fail/skip/output, Package, Test,
/// Elapsed, Output). Top-level tests are counted (subtests roll up into their parent, as <c>go test</c> does in its
/// ok/FAIL lines); a package that fails without any test result (build failure) counts as one errored test.
/// </summary>
public static partial class GoTestJsonParser
{
    /// <summary>Parses the event stream.</summary>
    public static ParsedRun Parse(string text)
    {
        var outputs = new Dictionary<(string, string), StringBuilder>();
        var results = new Dictionary<(string Package, string Test), TestCaseResult>();
        var packageFailed = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        var packagesWithTests = new HashSet<string>(StringComparer.Ordinal);
        var anyEvent = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] != '{')
            {
                continue;
            }

            JsonElement e;
            try
            {
                e = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException)
            {
                continue;
            }

            anyEvent = true;
            var action = Str(e, "Action");
            var package = Str(e, "Package") ?? string.Empty;
            var test = Str(e, "Test");
            if (test is null)
            {
                if (action == "output")
                {
                    Buffer(packageFailed, package).Append(Str(e, "Output"));
                }
                else if (action is "fail" && !packagesWithTests.Contains(package))
                {
                    packageFailed[package] = Buffer(packageFailed, package).Insert(0, "\u0001");
                }

                continue;
            }

            var top = test.Split('/')[0];
            packagesWithTests.Add(package);
            var key = (package, top);
            if (action == "output")
            {
                if (!outputs.TryGetValue(key, out var sb))
                {
                    outputs[key] = sb = new StringBuilder();
                }

                if (sb.Length < 16_000)
                {
                    sb.Append(Str(e, "Output"));
                }

                continue;
            }

            if (test != top || action is not ("pass" or "fail" or "skip"))
            {
                continue;
            }

            var outcome = action switch { "pass" => TestOutcome.Passed, "fail" => TestOutcome.Failed, _ => TestOutcome.Skipped };
            var elapsed = e.TryGetProperty("Elapsed", out var el) && el.ValueKind == JsonValueKind.Number ? el.GetDouble() * 1000 : 0;
            string? message = null;
            string? file = null;
            int? lineNo = null;
            if (outcome != TestOutcome.Passed && outputs.TryGetValue(key, out var output))
            {
                var m = TestLine().Match(output.ToString());
                if (m.Success)
                {
                    file = m.Groups["file"].Value;
                    lineNo = int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    message = m.Groups["msg"].Value.Trim();
                }
                else
                {
                    message = output.ToString().Split('\n').Select(s => s.Trim()).FirstOrDefault(s => s.Length > 0 && !s.StartsWith("=== ", StringComparison.Ordinal) && !s.StartsWith("--- ", StringComparison.Ordinal));
                }
            }

            results[key] = new TestCaseResult(top, package, outcome, message, file, lineNo, elapsed, top);
        }

        if (!anyEvent)
        {
            return ParsedRun.Unreadable("go test printed no JSON events");
        }

        var cases = results.Values.ToList();
        foreach (var (package, output) in packageFailed)
        {
            if (output.Length > 0 && output[0] == '\u0001' && !packagesWithTests.Contains(package))
            {
                var text2 = output.ToString(1, output.Length - 1);
                var first = text2.Split('\n').Select(s => s.Trim()).FirstOrDefault(s => s.Length > 0 && !s.StartsWith("FAIL", StringComparison.Ordinal) && !s.StartsWith('#')) ?? "package failed";
                cases.Add(new TestCaseResult("(package)", package, TestOutcome.Errored, first, null, null, 0));
            }
        }

        return new ParsedRun(cases);
    }

    private static StringBuilder Buffer(Dictionary<string, StringBuilder> map, string key)
    {
        if (!map.TryGetValue(key, out var sb))
        {
            map[key] = sb = new StringBuilder();
        }

        return sb;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [GeneratedRegex(@"^\s+(?<file>[\w./-]+_test\.go):(?<line>\d+):(?<msg>.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TestLine();
}
