using System.Diagnostics;
using System.Text.Json;
using ParallelAgents.Commands.Prime;

namespace ParallelAgents.Commands.Tests.Prime;

/// <summary>prime's line counts against cloc itself on fixtures with the tricky cases (block comments, markers in strings, verbatim and raw strings, CRLF and lone CR, BOM, continuation lines).</summary>
public sealed class PrimeClocComparisonTests
{
    private static readonly string[] Checked = ["C#", "Python", "JavaScript", "TypeScript", "Go", "Java"];

    [Fact]
    public async Task Line_counts_agree_with_cloc_within_one_percent_for_each_language()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Prime", "Fixtures", "cloc");
        var cloc = RunCloc(fixtures);

        var (_, _, section) = await CommandHarness.RunAsync(new PrimeCommand(), fixtures, """{"mode":"focused"}""");
        using var data = JsonDocument.Parse(section.DataJson!);
        var ours = data.RootElement.GetProperty("languages").EnumerateArray()
            .ToDictionary(l => l.GetProperty("language").GetString()!, l => l);

        foreach (var language in Checked)
        {
            Assert.True(cloc.TryGetProperty(language, out var expected), $"cloc found no {language} in the fixtures");
            Assert.True(ours.TryGetValue(language, out var actual), $"prime found no {language}");
            foreach (var kind in new[] { "code", "comment", "blank" })
            {
                var want = expected.GetProperty(kind).GetInt64();
                var got = actual.GetProperty(kind).GetInt64();
                Assert.True(Math.Abs(want - got) <= Math.Max(0, want * 0.01), $"{language} {kind}: cloc {want}, prime {got}");
            }
        }
    }

    private static JsonElement RunCloc(string directory)
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Select(p => Path.Combine(p, "cloc")).FirstOrDefault(File.Exists);
        Assert.True(path is not null, "cloc is not installed: run scripts/install-prime-tools.sh (it installs the Debian package cloc).");
        var start = new ProcessStartInfo(path!, ["--json", "--quiet", directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
