namespace ParallelAgents.Commands.Deps;

/// <summary>OSV ecosystem names and the package managers that feed them.</summary>
public static class Ecosystems
{
    public const string Npm = "npm";
    public const string PyPI = "PyPI";
    public const string Go = "Go";
    public const string CratesIo = "crates.io";
    public const string Maven = "Maven";
    public const string NuGet = "NuGet";

    /// <summary>Every ecosystem this command understands.</summary>
    public static IReadOnlyList<string> All { get; } = [Npm, PyPI, Go, CratesIo, Maven, NuGet];

    /// <summary>The ecosystem's canonical spelling, or null when it is not one of <see cref="All"/>.</summary>
    public static string? Canonical(string? ecosystem)
    {
        if (string.IsNullOrEmpty(ecosystem))
        {
            return null;
        }

        return All.FirstOrDefault(e => string.Equals(e, ecosystem, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The package manager segment key an ecosystem belongs to.</summary>
    public static string Manager(string ecosystem) => ecosystem switch
    {
        Npm => PackageManagers.Npm,
        PyPI => PackageManagers.Python,
        Go => PackageManagers.Go,
        CratesIo => PackageManagers.Cargo,
        Maven => PackageManagers.Maven,
        NuGet => PackageManagers.NuGet,
        _ => ecosystem,
    };

    /// <summary>
    /// The name as advisories key it: PyPI names are normalised (PEP 503), NuGet names compare case-insensitively;
    /// the others are case-sensitive.
    /// </summary>
    public static string NormalizeName(string ecosystem, string name) => ecosystem switch
    {
        PyPI => NormalizePythonName(name),
        NuGet => name.Trim().ToLowerInvariant(),
        _ => name.Trim(),
    };

    /// <summary>PEP 503 normalisation: lower case, runs of '-', '_' and '.' become one '-'.</summary>
    public static string NormalizePythonName(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        var lastWasSeparator = false;
        foreach (var c in name.Trim())
        {
            if (c is '-' or '_' or '.')
            {
                if (!lastWasSeparator)
                {
                    builder.Append('-');
                }

                lastWasSeparator = true;
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
                lastWasSeparator = false;
            }
        }

        return builder.ToString();
    }
}
