using System.Text.RegularExpressions;
using ParallelAgents.Commands.Test.Results;

namespace ParallelAgents.Commands.Test;

/// <summary>
/// Builds each native runner's command line with machine-readable output: pytest <c>--junitxml</c>, node
/// <c>--test-reporter=junit</c>, jest <c>--json</c>, vitest and mocha JUnit/xunit reporters, <c>dotnet test
/// --logger trx</c>, <c>go test -json</c>, <c>cargo test</c>'s libtest lines. Selectors become the runner's filter.
/// </summary>
public static class RunnerCommands
{
    /// <summary>The invocation for <paramref name="payload"/> run in <paramref name="runDir"/>.</summary>
    /// <param name="payload">The item.</param>
    /// <param name="runDir">The suite directory inside the private copy.</param>
    /// <param name="outDir">Where report files go.</param>
    /// <param name="home">The run's HOME.</param>
    /// <param name="python">Python with pytest, for pytest suites.</param>
    /// <param name="rerun">When set, only these tests (failures of the first run, as <see cref="TestCaseResult"/>s).</param>
    public static RunnerInvocation Build(TestRunPayload payload, string runDir, string outDir, string home, string? python, IReadOnlyList<TestCaseResult>? rerun = null)
    {
        var tag = rerun is null ? "first" : "rerun";
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (payload.Runner)
        {
            case "pytest":
                {
                    if (python is null)
                    {
                        return Unavailable("no Python with pytest was found (install python3-pytest or set Commands:Test:Python)");
                    }

                    var report = Path.Combine(outDir, $"junit-{tag}.xml");
                    env["PYTHONDONTWRITEBYTECODE"] = "1";
                    env["PYTHONUNBUFFERED"] = "1";
                    List<string> argv = [python, "-m", "pytest", "-p", "no:cacheprovider", "-o", "junit_family=xunit1", "--junitxml", report, "-q", "-rN"];
                    argv.AddRange(rerun is not null
                        ? rerun.Select(r => r.Selector).OfType<string>()
                        : payload.WholeSuite ? [] : payload.Selectors);
                    return new RunnerInvocation(argv, env, _ => WithPytestSelectors(JUnitParser.ParseFile(report, runDir, zeroBasedLines: true)));
                }

            case "node":
                {
                    var report = Path.Combine(outDir, $"junit-{tag}.xml");
                    List<string> argv = ["node", "--test", "--test-reporter=junit", $"--test-reporter-destination={report}", "--test-reporter=spec", "--test-reporter-destination=stdout"];
                    if (rerun is not null)
                    {
                        argv.Add($"--test-name-pattern=^(?:{string.Join('|', rerun.Select(r => Regex.Escape(r.Name)))})$");
                    }

                    argv.AddRange(payload.Selectors);
                    return new RunnerInvocation(argv, env, _ => JUnitParser.ParseFile(report, runDir));
                }

            case "jest":
            case "vitest":
            case "mocha":
                {
                    var entry = payload.Runner switch
                    {
                        "jest" => "node_modules/jest/bin/jest.js",
                        "vitest" => "node_modules/vitest/vitest.mjs",
                        _ => "node_modules/mocha/bin/mocha.js",
                    };
                    if (!File.Exists(Path.Combine(runDir, entry)))
                    {
                        return Unavailable($"{payload.Runner} is not installed in the workspace ({entry} is missing): the workspace must include its node_modules, since runs have no network");
                    }

                    var report = Path.Combine(outDir, $"{payload.Runner}-{tag}.{(payload.Runner == "jest" ? "json" : "xml")}");
                    List<string> argv = payload.Runner switch
                    {
                        "jest" => ["node", entry, "--ci", "--json", $"--outputFile={report}", "--runTestsByPath"],
                        "vitest" => ["node", entry, "run", "--reporter=junit", $"--outputFile={report}"],
                        _ => ["node", entry, "--reporter", "xunit", "--reporter-option", $"output={report}"],
                    };
                    if (rerun is not null)
                    {
                        argv.AddRange([payload.Runner == "mocha" ? "--grep" : "-t", $"^(?:{string.Join('|', rerun.Select(r => Regex.Escape(r.Name)))})$"]);
                    }

                    argv.AddRange(payload.Selectors);
                    return new RunnerInvocation(argv, env, _ => payload.Runner == "jest" ? JestJsonParser.ParseFile(report, runDir) : JUnitParser.ParseFile(report, runDir));
                }

            case "dotnet":
                {
                    var trx = Path.Combine(outDir, $"results-{tag}.trx");
                    env["DOTNET_CLI_HOME"] = home;
                    env["DOTNET_NOLOGO"] = "1";
                    env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
                    env["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
                    env["MSBUILDDISABLENODEREUSE"] = "1";
                    List<string> argv = ["dotnet", "test", Path.GetFileName(payload.Project ?? "."), "--nologo", "--logger", $"trx;LogFileName={trx}"];
                    var names = rerun is not null ? rerun.Select(r => r.Selector).OfType<string>().ToArray() : payload.WholeSuite ? [] : payload.Selectors.ToArray();
                    if (names.Length > 0)
                    {
                        argv.AddRange(["--filter", string.Join('|', names.Select(n => $"FullyQualifiedName={n}"))]);
                    }

                    return new RunnerInvocation(argv, env, _ => TrxParser.ParseFile(trx, runDir));
                }

            case "go":
                {
                    var events = Path.Combine(outDir, $"go-{tag}.json");
                    env["GOCACHE"] = Path.Combine(home, ".cache", "go-build");
                    env["GOPATH"] = Path.Combine(home, "go");
                    env["GOPROXY"] = "off";
                    env["GOTOOLCHAIN"] = "local";
                    env["GOTELEMETRY"] = "off";
                    var selected = payload.Selectors.Select(s => s.Split('|', 2)).Where(p => p.Length == 2).ToArray();
                    var names = rerun is not null ? rerun.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToArray() : selected.Select(p => p[1]).Distinct(StringComparer.Ordinal).ToArray();
                    List<string> argv = ["sh", "-c", "exec \"$@\" > \"$0\"", events, "go", "test", "-json", "-count=1"];
                    if (payload.Tags.Count > 0)
                    {
                        argv.Add("-tags=" + string.Join(',', payload.Tags));
                    }

                    argv.AddRange(["-run", $"^(?:{string.Join('|', names.Select(Regex.Escape))})$"]);
                    argv.AddRange(selected.Select(p => p[0]).Distinct(StringComparer.Ordinal));
                    return new RunnerInvocation(argv, env, _ => File.Exists(events) ? GoTestJsonParser.Parse(File.ReadAllText(events)) : ParsedRun.Unreadable("go test wrote no output"));
                }

            case "cargo":
                {
                    var output = Path.Combine(outDir, $"cargo-{tag}.txt");
                    env["CARGO_TARGET_DIR"] = Path.Combine(home, "target");
                    env["CARGO_TERM_COLOR"] = "never";
                    List<string> argv = ["sh", "-c", "exec \"$@\" > \"$0\"", output, "cargo", "test", "--offline", "--no-fail-fast"];
                    argv.AddRange(payload.Selectors.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
                    if (rerun is not null)
                    {
                        argv.Add("--");
                        argv.Add("--exact");
                        argv.AddRange(rerun.Select(r => r.Name));
                    }

                    return new RunnerInvocation(argv, env, _ => File.Exists(output) ? LibtestParser.Parse(File.ReadAllText(output)) : ParsedRun.Unreadable("cargo test wrote no output"));
                }

            default:
                return Unavailable($"unknown runner '{payload.Runner}'");
        }
    }

    private static RunnerInvocation Unavailable(string problem) =>
        new([], new Dictionary<string, string>(), _ => ParsedRun.Unreadable(problem), problem);

    // pytest xunit1 gives file="tests/test_x.py" classname="tests.test_x.TestC": the node id is file::TestC::name.
    private static ParsedRun WithPytestSelectors(ParsedRun run) => run with
    {
        Cases = run.Cases.Select(c => c with { Selector = PytestNodeId(c) }).ToArray(),
    };

    private static string? PytestNodeId(TestCaseResult c)
    {
        var file = c.Selector;
        if (file is null || !file.EndsWith(".py", StringComparison.Ordinal))
        {
            return null;
        }

        var module = file[..^3].Replace('/', '.');
        var cls = c.Group is not null && c.Group.StartsWith(module + ".", StringComparison.Ordinal) ? c.Group[(module.Length + 1)..] : null;
        return cls is null ? $"{file}::{c.Name}" : $"{file}::{cls.Replace(".", "::", StringComparison.Ordinal)}::{c.Name}";
    }
}
