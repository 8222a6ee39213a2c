using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Test.Discovery;

/// <summary>
/// pytest suites: roots are folders with pytest configuration (pytest.ini, pyproject.toml [tool.pytest...],
/// setup.cfg [tool:pytest], tox.ini [pytest]), else the workspace root; tests are <c>test_*</c> functions in
/// <c>test_*.py</c> / <c>*_test.py</c>, at module level or in <c>Test*</c> classes, typed by their
/// <c>@pytest.mark.*</c> markers (function, class and module <c>pytestmark</c>) and path.
/// </summary>
internal static partial class PythonDiscovery
{
    private static readonly HashSet<string> NonTypeMarkers = new(StringComparer.Ordinal)
    {
        "skip", "skipif", "xfail", "parametrize", "usefixtures", "filterwarnings", "asyncio", "timeout", "django_db", "flaky",
    };

    public static IEnumerable<TestSuite> Find(IReadOnlyList<string> files, SourceReader reader)
    {
        var testFiles = files.Where(IsTestFile).ToArray();
        if (testFiles.Length == 0)
        {
            yield break;
        }

        var roots = files.Where(f => IsConfig(f, reader)).Select(SuiteDiscovery.DirectoryOf).Distinct(StringComparer.Ordinal).ToList();
        var byRoot = testFiles.GroupBy(f => SuiteDiscovery.NearestRoot(f, roots) ?? ".", StringComparer.Ordinal);
        foreach (var group in byRoot.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var tests = group.SelectMany(f => Tests(f, group.Key, reader)).ToArray();
            yield return new TestSuite(Ecosystem.Python, "pytest", group.Key, null, tests);
        }
    }

    private static bool IsTestFile(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.EndsWith(".py", StringComparison.Ordinal) && (name.StartsWith("test_", StringComparison.Ordinal) || name.EndsWith("_test.py", StringComparison.Ordinal));
    }

    private static bool IsConfig(string path, SourceReader reader)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name switch
        {
            "pytest.ini" => true,
            "pyproject.toml" => reader.Read(path)?.Contains("[tool.pytest", StringComparison.Ordinal) ?? false,
            "setup.cfg" => reader.Read(path)?.Contains("[tool:pytest]", StringComparison.Ordinal) ?? false,
            "tox.ini" => reader.Read(path)?.Contains("[pytest]", StringComparison.Ordinal) ?? false,
            _ => false,
        };
    }

    private static IEnumerable<TestCase> Tests(string file, string root, SourceReader reader)
    {
        var lines = reader.Lines(file);
        var module = new List<string>();
        var pending = new List<string>();
        string? cls = null;
        var clsIndent = -1;
        var clsMarkers = new List<string>();
        var relative = SuiteDiscovery.RelativeTo(file, root);
        var found = new List<(string Name, string? Class, int Line, List<string> Markers)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var indent = line.Length - trimmed.Length;
            if (cls is not null && indent <= clsIndent && !trimmed.StartsWith('@'))
            {
                cls = null;
            }

            if (indent == 0 && trimmed.StartsWith("pytestmark", StringComparison.Ordinal))
            {
                module.AddRange(Markers(trimmed));
                continue;
            }

            if (trimmed.StartsWith('@'))
            {
                pending.AddRange(Markers(trimmed));
                continue;
            }

            var c = ClassLine().Match(line);
            if (c.Success)
            {
                cls = c.Groups["name"].Value.StartsWith("Test", StringComparison.Ordinal) ? c.Groups["name"].Value : null;
                clsIndent = indent;
                clsMarkers = [.. pending];
                pending.Clear();
                if (cls is null)
                {
                    clsIndent = int.MaxValue;
                }

                continue;
            }

            var d = DefLine().Match(line);
            if (d.Success)
            {
                var inClass = cls is not null && indent > clsIndent;
                if ((indent == 0 || inClass) && d.Groups["name"].Value.StartsWith("test", StringComparison.Ordinal))
                {
                    found.Add((d.Groups["name"].Value, inClass ? cls : null, i + 1, [.. pending, .. inClass ? clsMarkers : [], .. module]));
                }

                pending.Clear();
                continue;
            }

            pending.Clear();
        }

        if (found.Count == 0)
        {
            yield return new TestCase(relative, file, 1, TestTypes.Classify(file, module));
            yield break;
        }

        foreach (var (name, klass, lineNo, markers) in found)
        {
            var selector = klass is null ? $"{relative}::{name}" : $"{relative}::{klass}::{name}";
            yield return new TestCase(selector, file, lineNo, TestTypes.Classify(file, markers.Where(m => !NonTypeMarkers.Contains(m))));
        }
    }

    private static IEnumerable<string> Markers(string text) =>
        Marker().Matches(text).Select(m => m.Groups["m"].Value);

    [GeneratedRegex(@"pytest\.mark\.(?<m>\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    [GeneratedRegex(@"^\s*class\s+(?<name>\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex ClassLine();

    [GeneratedRegex(@"^\s*(?:async\s+)?def\s+(?<name>\w+)\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex DefLine();
}
