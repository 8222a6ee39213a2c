using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Test.Discovery;

/// <summary>
/// Rust suites: a <c>Cargo.toml</c> with a <c>[package]</c>. Each test target is one selector: the library's and
/// binaries' unit tests (<c>#[test]</c> under <c>src/</c>: <c>--lib</c> / <c>--bins</c>) and every integration test
/// file <c>tests/*.rs</c> (<c>--test name</c>, typed integration unless its name says otherwise); a target weighs
/// as many tests as it has <c>#[test]</c> attributes.
/// </summary>
internal static partial class RustDiscovery
{
    public static IEnumerable<TestSuite> Find(IReadOnlyList<string> files, SourceReader reader)
    {
        var roots = files.Where(f => (f == "Cargo.toml" || f.EndsWith("/Cargo.toml", StringComparison.Ordinal))
                && (reader.Read(f)?.Contains("[package]", StringComparison.Ordinal) ?? false))
            .Select(SuiteDiscovery.DirectoryOf).ToArray();
        foreach (var root in roots.Order(StringComparer.Ordinal))
        {
            var tests = new List<TestCase>();
            var mine = files.Where(f => f.EndsWith(".rs", StringComparison.Ordinal) && SuiteDiscovery.NearestRoot(f, roots) == root).ToArray();
            var src = mine.Where(f => SuiteDiscovery.RelativeTo(f, root).StartsWith("src/", StringComparison.Ordinal)).ToArray();
            var unitCount = src.Sum(f => TestAttr().Count(reader.Read(f) ?? string.Empty));
            if (unitCount > 0)
            {
                var hasLib = src.Any(f => SuiteDiscovery.RelativeTo(f, root) == "src/lib.rs");
                var hasBin = src.Any(f => SuiteDiscovery.RelativeTo(f, root) == "src/main.rs" || SuiteDiscovery.RelativeTo(f, root).StartsWith("src/bin/", StringComparison.Ordinal));
                var selector = hasLib && hasBin ? "--lib --bins" : hasLib ? "--lib" : "--bins";
                tests.Add(new TestCase(selector, src[0], 1, TestTypes.Unit, unitCount));
            }

            foreach (var file in mine.Where(f => Regex.IsMatch(SuiteDiscovery.RelativeTo(f, root), @"^tests/[^/]+\.rs$", RegexOptions.CultureInvariant)))
            {
                var count = TestAttr().Count(reader.Read(file) ?? string.Empty);
                if (count == 0)
                {
                    continue;
                }

                var type = TestTypes.Classify(file, []);
                tests.Add(new TestCase($"--test {Path.GetFileNameWithoutExtension(file)}", file, 1, type == TestTypes.Unit ? TestTypes.Integration : type, count));
            }

            yield return new TestSuite(Ecosystem.Rust, "cargo", root, null, tests);
        }
    }

    [GeneratedRegex(@"#\[(?:tokio::)?test\b", RegexOptions.CultureInvariant)]
    private static partial Regex TestAttr();
}
