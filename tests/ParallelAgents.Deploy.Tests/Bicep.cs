using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ParallelAgents.Deploy.Tests;

/// <summary>Runs the Bicep compiler installed by scripts/install-bicep.sh.</summary>
internal static class Bicep
{
    /// <summary>environmentName of <see cref="Snapshot"/> unless given: names the resource group rg-snapshot.</summary>
    public const string SnapshotEnvironmentName = "snapshot";

    /// <summary>Region of <see cref="Snapshot"/>.</summary>
    public const string SnapshotLocation = "westeurope";

    /// <summary>scalingApiKey of <see cref="Snapshot"/> unless given: the parameter has no default (azd generates it).</summary>
    public const string SnapshotScalingApiKey = "snapshot-scaling-key-0123456789";

    /// <summary>Subscription <see cref="Snapshot"/> deploys to.</summary>
    public const string SnapshotSubscriptionId = "00000000-0000-0000-0000-000000000001";

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

    /// <summary>
    /// The resources and outputs a deployment of infra/main.bicep with these parameters would create, as
    /// `bicep snapshot` predicts them: conditions, loops and functions are evaluated, values known only after
    /// deployment stay expressions. Parameters are Bicep literals ("false", "'name'"); environmentName,
    /// location and scalingApiKey are set unless given.
    /// </summary>
    public static JsonNode Snapshot(IReadOnlyDictionary<string, string>? parameters = null)
    {
        var directory = Directory.CreateTempSubdirectory("infra-snapshot-").FullName;
        try
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["environmentName"] = $"'{SnapshotEnvironmentName}'",
                ["location"] = $"'{SnapshotLocation}'",
                ["scalingApiKey"] = $"'{SnapshotScalingApiKey}'",
            };
            foreach (var (name, value) in parameters ?? new Dictionary<string, string>())
            {
                values[name] = value;
            }

            // A .bicepparam file must name its template by a relative path.
            var template = Path.GetRelativePath(directory, RepositoryRoot.File("infra", "main.bicep")).Replace('\\', '/');
            var file = Path.Combine(directory, "main.bicepparam");
            File.WriteAllLines(file, [$"using '{template}'", .. values.Select(v => $"param {v.Key} = {v.Value}")]);

            var (exitCode, output) = Run(
                Binary,
                ["snapshot", file, "--mode", "overwrite", "--subscription-id", SnapshotSubscriptionId, "--location", SnapshotLocation],
                new Dictionary<string, string>());
            Assert.True(exitCode == 0, $"bicep snapshot failed:\n{output}");
            return JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "main.snapshot.json")))!;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
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
