namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>Which files are manifests or lockfiles, of which package manager, read by which parser.</summary>
public static class ManifestCatalog
{
    private static readonly Dictionary<string, (string Manager, IManifestParser Parser)> ByName = new(StringComparer.Ordinal)
    {
        ["package-lock.json"] = (PackageManagers.Npm, new NpmLockParser()),
        ["npm-shrinkwrap.json"] = (PackageManagers.Npm, new NpmLockParser()),
        ["yarn.lock"] = (PackageManagers.Npm, new YarnLockParser()),
        ["pnpm-lock.yaml"] = (PackageManagers.Npm, new PnpmLockParser()),
        ["package.json"] = (PackageManagers.Npm, new PackageJsonParser()),
        ["poetry.lock"] = (PackageManagers.Python, new PoetryLockParser()),
        ["Pipfile.lock"] = (PackageManagers.Python, new PipfileLockParser()),
        ["uv.lock"] = (PackageManagers.Python, new UvLockParser()),
        ["pyproject.toml"] = (PackageManagers.Python, new PyprojectParser()),
        ["go.mod"] = (PackageManagers.Go, new GoModParser()),
        ["go.sum"] = (PackageManagers.Go, new GoSumParser()),
        ["Cargo.lock"] = (PackageManagers.Cargo, new CargoLockParser()),
        ["Cargo.toml"] = (PackageManagers.Cargo, new CargoTomlParser()),
        ["pom.xml"] = (PackageManagers.Maven, new MavenPomParser()),
        ["packages.lock.json"] = (PackageManagers.NuGet, new NuGetLockParser()),
        ["Directory.Packages.props"] = (PackageManagers.NuGet, new DirectoryPackagesPropsParser()),
        ["packages.config"] = (PackageManagers.NuGet, new PackagesConfigParser()),
    };

    private static readonly IManifestParser Requirements = new RequirementsTxtParser();
    private static readonly IManifestParser MsBuild = new MsBuildProjectParser();

    /// <summary>Directories never searched: installed packages, build output, virtual environments.</summary>
    public static IReadOnlySet<string> SkippedDirectories { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "node_modules", "bower_components", ".venv", "venv", "__pycache__", ".tox", "site-packages", "target", "bin", "obj",
        "vendor", ".yarn", ".pnpm-store", ".gradle", ".idea", ".vs",
    };

    /// <summary>The manager and parser for a workspace-relative path, or null when it is not a manifest.</summary>
    public static (string Manager, IManifestParser Parser)? Classify(string relativePath)
    {
        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        if (ByName.TryGetValue(name, out var known))
        {
            return known;
        }

        if (name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) && name.Contains("requirements", StringComparison.OrdinalIgnoreCase))
        {
            return (PackageManagers.Python, Requirements);
        }

        if (name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase))
        {
            return (PackageManagers.NuGet, MsBuild);
        }

        return null;
    }
}
