using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ParallelAgents.Deploy.Tests;

/// <summary>Runs the Bicep compiler installed by scripts/install-bicep.sh.</summary>
internal static class Bicep
{
    /// <summary>Path of the compiler: $BICEP, or .tools/bicep/bicep in the repository.</summary>
    public static string Binary
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("BICEP") is { Length: > 0 } configured
                ? configured
                : RepositoryRoot.File(".tools", "bicep", "bicep");
            if (!File.Exists(path))
            {
                Assert.Fail($"The Bicep compiler is missing at {path}. Run scripts/install-bicep.sh (it installs it from the NuGet package Azure.Bicep.CommandLine.linux-x64).");
            }

            return path;
        }
    }

    /// <summary>Runs scripts/check-infra.sh on a template (infra/main.bicep when null).</summary>
    public static (int ExitCode, string Output) CheckInfra(string? template = null)
    {
        var arguments = new List<string> { RepositoryRoot.File("scripts", "check-infra.sh") };
        if (template is not null)
        {
            arguments.Add(template);
        }

        return Run("bash", arguments, new Dictionary<string, string> { ["BICEP"] = Binary });
    }

    /// <summary>The ARM template compiled from a .bicep file.</summary>
    public static JsonNode Compile(string template)
    {
        var (exitCode, output) = Run(Binary, ["build", template, "--stdout", "--no-restore"], new Dictionary<string, string>(), separateErrors: true);
        Assert.True(exitCode == 0, $"bicep build {template} failed:\n{output}");
        return JsonNode.Parse(output)!;
    }

    private static (int ExitCode, string Output) Run(string file, IEnumerable<string> arguments, Dictionary<string, string> environment, bool separateErrors = false)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within 2 minutes");
        }

        var output = separateErrors ? stdout.Result : stdout.Result + stderr.Result;
        if (separateErrors && process.ExitCode != 0)
        {
            output = stderr.Result;
        }

        return (process.ExitCode, output);
    }
}
