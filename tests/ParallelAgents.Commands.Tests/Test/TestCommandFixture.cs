using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ParallelAgents.Commands.Test;
using ParallelAgents.Commands.Test.Sandbox;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Tests.Test;

/// <summary>Fixture workspaces, an enabled command and the native runners run directly, for the test command's tests.</summary>
public static partial class TestCommandFixture
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Test", "Fixtures", name);

    public static TestCommand Command(Action<TestCommandOptions>? configure = null)
    {
        var options = new TestCommandOptions { Enabled = true, DefaultSuiteTimeoutSeconds = 60 };
        configure?.Invoke(options);
        return new TestCommand(options, new SandboxLauncher(options));
    }

    public static CommandContext Context(string root, string optionsJson = "{}") =>
        new("test-job", new Workspace(root), CommandOptions.Parse(optionsJson), CommandHarness.EmptyServices);

    public static JsonElement Data(ReportSection section) => JsonDocument.Parse(section.DataJson!).RootElement;

    /// <summary>A writable copy of a fixture (so a test can add files).</summary>
    public static string CopyOf(string fixture)
    {
        var root = Path.Combine(Path.GetTempPath(), "pa-testcmd-" + Guid.NewGuid().ToString("N"));
        WorkspaceCopier.Copy(Fixture(fixture), root, long.MaxValue);
        return root;
    }

    /// <summary>The Python that has pytest (python3 on PATH may be one without it).</summary>
    public static string Python()
    {
        foreach (var candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                if (Run(candidate, Path.GetTempPath(), "-m", "pytest", "--version").ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name.
            }
        }

        throw new InvalidOperationException("pytest is not installed: run scripts/install-test-command-tools.sh");
    }

    /// <summary>pytest's own summary ("2 failed, 8 passed, 2 skipped") from running it directly.</summary>
    public static (int Passed, int Failed, int Skipped, int Errors) PytestDirect(string root)
    {
        var copy = CopyOf(root);
        try
        {
            var (_, output) = Run(Python(), copy, "-m", "pytest", "-q", "-p", "no:cacheprovider");
            var summary = output.Split('\n').Last(l => PytestCount().IsMatch(l));
            return (Count(summary, "passed"), Count(summary, "failed"), Count(summary, "skipped"), Count(summary, "error"));
        }
        finally
        {
            Directory.Delete(copy, true);
        }
    }

    /// <summary>node --test's own totals ("# pass 3") from running it directly.</summary>
    public static (int Passed, int Failed, int Skipped) NodeDirect(string root)
    {
        var (_, output) = Run("node", root, "--test", "--test-reporter=tap");
        int Get(string word) => int.Parse(Regex.Match(output, $@"^# {word} (\d+)", RegexOptions.Multiline).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (Get("pass"), Get("fail"), Get("skipped"));
    }

    public static (int ExitCode, string Output) Run(string fileName, string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit(120_000);
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public static IReadOnlyList<string> ProcessesWith(string marker)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(marker, StringComparison.Ordinal) && !cmdline.Contains("pgrep", StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(dir)}: {cmdline}");
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    private static int Count(string summary, string word)
    {
        var m = Regex.Match(summary, $@"(\d+) {word}");
        return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"\d+ (passed|failed|skipped)")]
    private static partial Regex PytestCount();
}
