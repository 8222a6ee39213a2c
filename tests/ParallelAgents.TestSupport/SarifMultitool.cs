using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ParallelAgents.TestSupport;

/// <summary>Microsoft's SARIF validator (npm <c>@microsoft/sarif-multitool</c>, installed by scripts/install-sarif-multitool.sh).</summary>
public static class SarifMultitool
{
    /// <summary>The validator's error- and warning-level results for a log (empty when it is valid).</summary>
    public static IReadOnlyList<string> Validate(string sarif)
    {
        var tool = RepositoryRoot.File(".tools", "node_modules", ".bin", "sarif-multitool");
        if (!File.Exists(tool))
        {
            throw new FileNotFoundException($"sarif-multitool is not installed at {tool}: run scripts/install-sarif-multitool.sh from the repository root.", tool);
        }

        var dir = Directory.CreateTempSubdirectory("sarif-").FullName;
        try
        {
            var input = Path.Combine(dir, "report.sarif");
            var output = Path.Combine(dir, "validation.sarif");
            File.WriteAllText(input, sarif);
            var info = new ProcessStartInfo(tool) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])["validate", input, "--output", output, "--log", "ForceOverwrite"])
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start sarif-multitool.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(180)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("sarif-multitool did not finish within 180 s.");
            }

            if (process.ExitCode != 0 || !File.Exists(output))
            {
                throw new InvalidOperationException($"sarif-multitool failed (exit {process.ExitCode}):\n{stdout.Result}{stderr.Result}");
            }

            var problems = new List<string>();
            foreach (var result in JsonNode.Parse(File.ReadAllText(output))!["runs"]![0]!["results"]?.AsArray() ?? [])
            {
                var level = result!["level"]?.GetValue<string>() ?? "warning";
                if (level is "error" or "warning")
                {
                    problems.Add($"{level} {result["ruleId"]}: {result["message"]!.ToJsonString()}");
                }
            }

            return problems;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
