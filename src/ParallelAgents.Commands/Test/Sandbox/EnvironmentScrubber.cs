using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Test.Sandbox;

/// <summary>
/// Builds a runner's environment from nothing: the service's variables (storage connection strings, keys, Azure
/// identity) never reach executed code. Only a fixed allow-list is copied, and never a name that looks secret.
/// </summary>
public static partial class EnvironmentScrubber
{
    private static readonly string[] Copied = ["PATH", "LANG", "LC_ALL", "TZ"];

    /// <summary>True for names that must never be passed: keys, secrets, tokens, passwords, connection strings, service sections.</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    /// <summary>The environment for one run.</summary>
    public static Dictionary<string, string> Build(string home, IEnumerable<string> passThrough, IReadOnlyDictionary<string, string> runnerVariables)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Copied.Concat(passThrough).Distinct(StringComparer.Ordinal))
        {
            if (!IsSecretName(name) && Environment.GetEnvironmentVariable(name) is { } value)
            {
                env[name] = value;
            }
        }

        env.TryAdd("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.TryAdd("LANG", "C.UTF-8");
        var tmp = Path.Combine(home, "tmp");
        env["HOME"] = home;
        env["TMPDIR"] = tmp;
        env["TMP"] = tmp;
        env["TEMP"] = tmp;
        env["CI"] = "true";
        foreach (var (name, value) in runnerVariables)
        {
            env[name] = value;
        }

        return env;
    }

    [GeneratedRegex("KEY|SECRET|TOKEN|PASSWORD|PASSWD|CONNECTION|CREDENTIAL|^STORAGE__|^AUTH__|^AZURE_|^ORLEANS__|^ASPNETCORE_|^DOTNET_RUNNING", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();
}
