using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace ParallelAgents.Commands.Test.Results;

/// <summary>
/// Reads Visual Studio TRX files as <c>dotnet test --logger trx</c> writes them: <c>UnitTestResult</c> with
/// <c>outcome</c> Passed / Failed / NotExecuted (skipped) / Error, Timeout, Aborted (errored), and the error message
/// and stack trace under <c>Output/ErrorInfo</c>.
/// </summary>
public static class TrxParser
{
    /// <summary>Parses a file; missing or malformed is a problem, not an exception.</summary>
    public static ParsedRun ParseFile(string path, string runRoot)
    {
        if (!File.Exists(path))
        {
            return ParsedRun.Unreadable("dotnet test wrote no TRX report (did the build or restore fail? see the output)");
        }

        try
        {
            return Parse(File.ReadAllText(path), runRoot);
        }
        catch (IOException e)
        {
            return ParsedRun.Unreadable($"the TRX report could not be read: {e.Message}");
        }
    }

    /// <summary>Parses TRX text.</summary>
    public static ParsedRun Parse(string xml, string runRoot)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Parse(xml);
        }
        catch (XmlException e)
        {
            return ParsedRun.Unreadable($"the TRX report is malformed: {e.Message}");
        }

        var classes = doc.Descendants().Where(e => e.Name.LocalName == "UnitTest")
            .Select(e => (Id: (string?)e.Attribute("id"), Class: (string?)e.Elements().FirstOrDefault(x => x.Name.LocalName == "TestMethod")?.Attribute("className")))
            .Where(x => x.Id is not null)
            .GroupBy(x => x.Id!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Class, StringComparer.Ordinal);
        var cases = new List<TestCaseResult>();
        foreach (var r in doc.Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
        {
            // Data-driven parents carry InnerResults; their children are the tests.
            if (r.Descendants().Any(e => e.Name.LocalName == "UnitTestResult"))
            {
                continue;
            }

            var name = (string?)r.Attribute("testName") ?? "(unnamed)";
            var outcome = ((string?)r.Attribute("outcome")) switch
            {
                "Passed" or "PassedButRunAborted" => TestOutcome.Passed,
                "Failed" => TestOutcome.Failed,
                "NotExecuted" or "Inconclusive" or "NotRunnable" or "Disconnected" or "Warning" or "Pending" => TestOutcome.Skipped,
                _ => TestOutcome.Errored,
            };
            var errorInfo = r.Descendants().FirstOrDefault(e => e.Name.LocalName == "ErrorInfo");
            var message = errorInfo?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value.Trim();
            var stack = errorInfo?.Elements().FirstOrDefault(e => e.Name.LocalName == "StackTrace")?.Value;
            if (outcome == TestOutcome.Skipped && string.IsNullOrEmpty(message))
            {
                message = r.Descendants().FirstOrDefault(e => e.Name.LocalName == "StdOut")?.Value.Trim();
            }

            var where = StackLocation.Find(stack, runRoot);
            var duration = TimeSpan.TryParse((string?)r.Attribute("duration"), CultureInfo.InvariantCulture, out var d) ? d.TotalMilliseconds : 0;
            var testId = (string?)r.Attribute("testId");
            var group = testId is not null && classes.TryGetValue(testId, out var c) ? c : null;
            var fqn = name.Split('(')[0];
            if (group is not null && !fqn.StartsWith(group + ".", StringComparison.Ordinal))
            {
                fqn = group + "." + fqn;
            }

            cases.Add(new TestCaseResult(name, group, outcome, Trim(message), where?.File, where?.Line, duration, fqn));
        }

        return new ParsedRun(cases);
    }

    private static string? Trim(string? message) =>
        message is { Length: > 500 } ? message[..500] + "…" : string.IsNullOrEmpty(message) ? null : message;
}
