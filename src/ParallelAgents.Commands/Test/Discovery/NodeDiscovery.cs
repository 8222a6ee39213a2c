using System.Text.Json;
using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Test.Discovery;

/// <summary>
/// Node suites: a <c>package.json</c> with a <c>test</c> script. The script names the runner (jest, vitest, mocha;
/// anything else runs with node's built-in runner, <c>node --test</c>). Test files follow the runners' default
/// patterns (<c>*.test.*</c>, <c>*.spec.*</c>, <c>*_test.*</c>, <c>test-*.*</c>, files under <c>test/</c> or
/// <c>__tests__/</c>); each file is typed by its path and weighs as many tests as it has <c>test(</c>/<c>it(</c> calls.
/// </summary>
internal static partial class NodeDiscovery
{
    public static IEnumerable<TestSuite> Find(IReadOnlyList<string> files, SourceReader reader)
    {
        var packages = new List<(string Root, string Runner)>();
        foreach (var manifest in files.Where(f => f == "package.json" || f.EndsWith("/package.json", StringComparison.Ordinal)))
        {
            var runner = Runner(reader.Read(manifest));
            if (runner is not null)
            {
                packages.Add((SuiteDiscovery.DirectoryOf(manifest), runner));
            }
        }

        var roots = packages.Select(p => p.Root).ToArray();
        foreach (var (root, runner) in packages.OrderBy(p => p.Root, StringComparer.Ordinal))
        {
            var tests = new List<TestCase>();
            foreach (var file in files.Where(f => IsTestFile(f, runner) && SuiteDiscovery.NearestRoot(f, roots) == root))
            {
                var text = reader.Read(file);
                if (text is null)
                {
                    continue;
                }

                var weight = Math.Max(1, TestCall().Count(text));
                tests.Add(new TestCase(SuiteDiscovery.RelativeTo(file, root), file, 1, TestTypes.Classify(file, []), weight));
            }

            yield return new TestSuite(Ecosystem.Node, runner, root, null, tests);
        }
    }

    private static string? Runner(string? manifest)
    {
        if (manifest is null)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(manifest);
            if (!doc.RootElement.TryGetProperty("scripts", out var scripts) || scripts.ValueKind != JsonValueKind.Object
                || !scripts.TryGetProperty("test", out var t) || t.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var script = t.GetString() ?? string.Empty;
            if (script.Contains("no test specified", StringComparison.Ordinal))
            {
                return null;
            }

            return script.Contains("jest", StringComparison.Ordinal) ? "jest"
                : script.Contains("vitest", StringComparison.Ordinal) ? "vitest"
                : script.Contains("mocha", StringComparison.Ordinal) ? "mocha"
                : "node";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsTestFile(string path, string runner)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var ext = Path.GetExtension(name);
        var js = ext is ".js" or ".mjs" or ".cjs";
        var ts = ext is ".ts" or ".tsx" or ".jsx" or ".mts" or ".cts";
        if (!js && !(ts && runner is "jest" or "vitest"))
        {
            return false;
        }

        var stem = name[..name.IndexOf('.', StringComparison.Ordinal)];
        return name.Contains(".test.", StringComparison.Ordinal) || name.Contains(".spec.", StringComparison.Ordinal)
            || stem.EndsWith("_test", StringComparison.Ordinal) || stem.EndsWith("-test", StringComparison.Ordinal)
            || stem.StartsWith("test-", StringComparison.Ordinal) || stem == "test"
            || path.StartsWith("test/", StringComparison.Ordinal) || path.Contains("/test/", StringComparison.Ordinal)
            || path.Contains("__tests__/", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<![\w.$])(?:test|it)(?:\.(?:skip|only|todo))?\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex TestCall();
}
