using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Test.Discovery;

/// <summary>
/// Go suites: one per module (<c>go.mod</c>); tests are <c>func TestXxx(t *testing.T)</c> in <c>_test.go</c> files,
/// typed by the file's build tags (<c>//go:build integration</c>) and path. A selector is
/// <c>./package|TestName</c>; tagged tests carry their tag so the run passes <c>-tags</c>.
/// </summary>
internal static partial class GoDiscovery
{
    public static IEnumerable<TestSuite> Find(IReadOnlyList<string> files, SourceReader reader)
    {
        var roots = files.Where(f => f == "go.mod" || f.EndsWith("/go.mod", StringComparison.Ordinal)).Select(SuiteDiscovery.DirectoryOf).ToArray();
        foreach (var root in roots.Order(StringComparer.Ordinal))
        {
            var tests = new List<TestCase>();
            foreach (var file in files.Where(f => f.EndsWith("_test.go", StringComparison.Ordinal) && SuiteDiscovery.NearestRoot(f, roots) == root))
            {
                var text = reader.Read(file);
                if (text is null)
                {
                    continue;
                }

                var tags = BuildTags(text);
                var tag = tags.FirstOrDefault(t => TestTypes.FromWord(t) is not null);
                var type = TestTypes.Classify(file, tags);
                var package = "./" + SuiteDiscovery.DirectoryOf(SuiteDiscovery.RelativeTo(file, root));
                package = package == "./." ? "." : package;
                foreach (Match m in TestFunc().Matches(text))
                {
                    var line = text[..m.Index].Count(c => c == '\n') + 1;
                    tests.Add(new TestCase($"{package}|{m.Groups["name"].Value}", file, line, type, 1, tag));
                }
            }

            yield return new TestSuite(Ecosystem.Go, "go", root, null, tests);
        }
    }

    private static string[] BuildTags(string text)
    {
        var m = BuildLine().Match(text);
        return m.Success ? Ident().Matches(m.Groups["expr"].Value).Select(x => x.Value).ToArray() : [];
    }

    [GeneratedRegex(@"^func\s+(?<name>Test(?:[A-Z0-9_]\w*)?)\s*\(\s*\w+\s+\*testing\.T\s*\)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TestFunc();

    [GeneratedRegex(@"^//go:build\s+(?<expr>.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex BuildLine();

    [GeneratedRegex(@"[A-Za-z_][\w.]*", RegexOptions.CultureInvariant)]
    private static partial Regex Ident();
}
