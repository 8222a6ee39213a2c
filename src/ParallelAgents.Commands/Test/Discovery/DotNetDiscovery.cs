using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Test.Discovery;

/// <summary>
/// .NET test projects: a <c>.csproj</c> that references Microsoft.NET.Test.Sdk or sets <c>IsTestProject</c>.
/// Tests are methods with xUnit/NUnit/MSTest attributes (<c>[Fact]</c>, <c>[Theory]</c>, <c>[Test]</c>,
/// <c>[TestCase]</c>, <c>[TestMethod]</c>...), typed by traits (<c>[Trait("Category", "Integration")]</c>,
/// <c>[Category]</c>, <c>[TestCategory]</c>) on the method or class, then by path. The selector is the fully
/// qualified name <c>dotnet test --filter</c> accepts.
/// </summary>
internal static partial class DotNetDiscovery
{
    public static IEnumerable<TestSuite> Find(IReadOnlyList<string> files, SourceReader reader)
    {
        var projects = files.Where(f => f.EndsWith(".csproj", StringComparison.Ordinal) && IsTestProject(reader.Read(f))).ToArray();
        var roots = projects.Select(SuiteDiscovery.DirectoryOf).ToArray();
        foreach (var project in projects)
        {
            var root = SuiteDiscovery.DirectoryOf(project);
            var tests = files.Where(f => f.EndsWith(".cs", StringComparison.Ordinal) && SuiteDiscovery.NearestRoot(f, roots) == root)
                .SelectMany(f => Tests(f, reader))
                .ToArray();
            yield return new TestSuite(Ecosystem.DotNet, "dotnet", root, project, tests);
        }
    }

    private static bool IsTestProject(string? text) =>
        text is not null && (text.Contains("Microsoft.NET.Test.Sdk", StringComparison.OrdinalIgnoreCase)
            || Regex.IsMatch(text, @"<IsTestProject>\s*true\s*</IsTestProject>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));

    private static IEnumerable<TestCase> Tests(string file, SourceReader reader)
    {
        var lines = reader.Lines(file);
        var ns = string.Empty;
        string? cls = null;
        var classTraits = new List<string>();
        var pendingTraits = new List<string>();
        var pendingTest = false;
        var results = new List<TestCase>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var n = Namespace().Match(line);
            if (n.Success)
            {
                ns = n.Groups["ns"].Value;
                continue;
            }

            foreach (Match t in Trait().Matches(line))
            {
                pendingTraits.Add(t.Groups["v"].Value);
            }

            if (TestAttribute().IsMatch(line))
            {
                pendingTest = true;
            }

            var c = ClassLine().Match(line);
            if (c.Success)
            {
                cls = c.Groups["name"].Value;
                classTraits = [.. pendingTraits];
                pendingTraits.Clear();
                pendingTest = false;
                continue;
            }

            var m = MethodLine().Match(line);
            if (m.Success && !line.TrimStart().StartsWith('['))
            {
                if (pendingTest && cls is not null)
                {
                    var fqn = string.IsNullOrEmpty(ns) ? $"{cls}.{m.Groups["name"].Value}" : $"{ns}.{cls}.{m.Groups["name"].Value}";
                    results.Add(new TestCase(fqn, file, i + 1, TestTypes.Classify(file, [.. pendingTraits, .. classTraits])));
                }

                pendingTest = false;
                pendingTraits.Clear();
            }
        }

        return results;
    }

    [GeneratedRegex(@"^\s*namespace\s+(?<ns>[\w.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"\b(?:class|record)\s+(?<name>\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex ClassLine();

    [GeneratedRegex(@"\[\s*(?:Fact|Theory|SkippableFact|SkippableTheory|Test|TestCase|TestCaseSource|TestMethod|DataTestMethod)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"(?:Trait\s*\(\s*""[^""]*""\s*,\s*|(?:Category|TestCategory)\s*\(\s*)""(?<v>[^""]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex Trait();

    [GeneratedRegex(@"(?:public|internal|private|protected)[\w\s<>\[\],?]*\s(?<name>\w+)\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex MethodLine();
}
