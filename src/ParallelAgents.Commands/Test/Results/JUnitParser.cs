using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace ParallelAgents.Commands.Test.Results;

/// <summary>
/// Reads JUnit XML as pytest, node's built-in runner, vitest and mocha (xunit reporter) write it: <c>testcase</c>
/// elements (anywhere under <c>testsuites</c>/<c>testsuite</c>) with a <c>failure</c>, <c>error</c> or
/// <c>skipped</c> child, or none for a pass.
/// </summary>
public static class JUnitParser
{
    /// <summary>Parses a file; a missing or malformed file is a <see cref="ParsedRun.Problem"/>, never an exception.</summary>
    public static ParsedRun ParseFile(string path, string runRoot, bool zeroBasedLines = false)
    {
        if (!File.Exists(path))
        {
            return ParsedRun.Unreadable("the runner wrote no JUnit XML report");
        }

        try
        {
            return Parse(File.ReadAllText(path), runRoot, zeroBasedLines);
        }
        catch (IOException e)
        {
            return ParsedRun.Unreadable($"the JUnit XML report could not be read: {e.Message}");
        }
    }

    /// <summary>Parses JUnit XML text; pytest's <c>line</c> attribute counts from 0 (<paramref name="zeroBasedLines"/>).</summary>
    public static ParsedRun Parse(string xml, string runRoot, bool zeroBasedLines = false)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Parse(xml, LoadOptions.None);
        }
        catch (XmlException e)
        {
            return ParsedRun.Unreadable($"the JUnit XML report is malformed: {e.Message}");
        }

        var cases = new List<TestCaseResult>();
        foreach (var tc in doc.Descendants().Where(e => e.Name.LocalName == "testcase"))
        {
            // Node's reporter nests a subtest's testcase inside its parent's; only leaves are tests.
            if (tc.Elements().Any(e => e.Name.LocalName == "testcase"))
            {
                continue;
            }

            var name = (string?)tc.Attribute("name") ?? "(unnamed)";
            var group = (string?)tc.Attribute("classname");
            var failure = tc.Elements().FirstOrDefault(e => e.Name.LocalName == "failure");
            var error = tc.Elements().FirstOrDefault(e => e.Name.LocalName == "error");
            var skipped = tc.Elements().FirstOrDefault(e => e.Name.LocalName == "skipped");
            var (outcome, detail) = failure is not null ? (TestOutcome.Failed, failure)
                : error is not null ? (TestOutcome.Errored, error)
                : skipped is not null ? (TestOutcome.Skipped, skipped)
                : (TestOutcome.Passed, (XElement?)null);
            var message = detail is null ? null : Message(detail);
            var file = (string?)tc.Attribute("file");
            int? line = int.TryParse((string?)tc.Attribute("line"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l + (zeroBasedLines ? 1 : 0) : null;
            if (detail is not null && StackLocation.Find(detail.Value + "\n" + (string?)detail.Attribute("message"), runRoot) is { } where)
            {
                (file, line) = (where.File, where.Line);
            }

            var seconds = double.TryParse((string?)tc.Attribute("time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : 0;
            // The file attribute (pytest xunit1) is kept as the selector base: runners derive their node ids from it.
            cases.Add(new TestCaseResult(name, group, outcome, message, file, line, seconds * 1000, (string?)tc.Attribute("file")));
        }

        return new ParsedRun(cases);
    }

    private static string Message(XElement detail)
    {
        var message = ((string?)detail.Attribute("message"))?.Trim();
        var body = detail.Value.Trim();
        if (string.IsNullOrEmpty(message))
        {
            message = body.Split('\n').Select(s => s.Trim()).FirstOrDefault(s => s.Length > 0) ?? detail.Name.LocalName;
        }

        return message.Length > 500 ? message[..500] + "…" : message;
    }
}
