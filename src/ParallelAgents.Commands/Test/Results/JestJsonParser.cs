using System.Text.Json;

namespace ParallelAgents.Commands.Test.Results;

/// <summary>Reads jest's <c>--json</c> output: <c>testResults[].assertionResults[]</c> with status passed / failed / pending / todo / skipped.</summary>
public static class JestJsonParser
{
    /// <summary>Parses a jest JSON report file.</summary>
    public static ParsedRun ParseFile(string path, string runRoot)
    {
        if (!File.Exists(path))
        {
            return ParsedRun.Unreadable("jest wrote no JSON report");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var cases = new List<TestCaseResult>();
            if (!doc.RootElement.TryGetProperty("testResults", out var files) || files.ValueKind != JsonValueKind.Array)
            {
                return ParsedRun.Unreadable("the jest JSON report has no testResults");
            }

            foreach (var file in files.EnumerateArray())
            {
                var fileName = file.TryGetProperty("name", out var n) ? n.GetString() : null;
                var assertions = file.TryGetProperty("assertionResults", out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToArray() : [];
                if (assertions.Length == 0 && file.TryGetProperty("status", out var st) && st.GetString() == "failed")
                {
                    var message = file.TryGetProperty("message", out var fm) ? fm.GetString() : null;
                    cases.Add(new TestCaseResult("(file)", fileName, TestOutcome.Errored, FirstLine(message), Relative(fileName, runRoot), null, 0));
                }

                foreach (var t in assertions)
                {
                    var status = t.TryGetProperty("status", out var s) ? s.GetString() : null;
                    var outcome = status switch
                    {
                        "passed" => TestOutcome.Passed,
                        "failed" => TestOutcome.Failed,
                        _ => TestOutcome.Skipped,
                    };
                    var name = t.TryGetProperty("fullName", out var fn) ? fn.GetString() ?? "(unnamed)" : "(unnamed)";
                    var messages = t.TryGetProperty("failureMessages", out var fms) && fms.ValueKind == JsonValueKind.Array
                        ? string.Join("\n", fms.EnumerateArray().Select(x => x.GetString()))
                        : null;
                    var where = StackLocation.Find(messages, runRoot);
                    var duration = t.TryGetProperty("duration", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : 0;
                    cases.Add(new TestCaseResult(name, fileName, outcome, FirstLine(messages), where?.File ?? Relative(fileName, runRoot), where?.Line, duration, name));
                }
            }

            return new ParsedRun(cases);
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
            return ParsedRun.Unreadable($"the jest JSON report could not be read: {e.Message}");
        }
    }

    private static string? FirstLine(string? text) =>
        text?.Split('\n').Select(s => s.Trim()).FirstOrDefault(s => s.Length > 0);

    private static string? Relative(string? file, string runRoot) =>
        file is not null && file.StartsWith(runRoot + "/", StringComparison.Ordinal) ? file[(runRoot.Length + 1)..] : file;
}
