namespace ParallelAgents.Commands.Deps;

/// <summary>Package manager names, used as partition keys: one segment per manager found.</summary>
public static class PackageManagers
{
    public const string Npm = "npm";
    public const string Python = "python";
    public const string Go = "go";
    public const string Cargo = "cargo";
    public const string Maven = "maven";
    public const string NuGet = "nuget";

    /// <summary>Every manager, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Npm, Python, Go, Cargo, Maven, NuGet];

    /// <summary>The OSV ecosystem a manager's packages belong to.</summary>
    public static string Ecosystem(string manager) => manager switch
    {
        Npm => Ecosystems.Npm,
        Python => Ecosystems.PyPI,
        Go => Ecosystems.Go,
        Cargo => Ecosystems.CratesIo,
        Maven => Ecosystems.Maven,
        NuGet => Ecosystems.NuGet,
        _ => manager,
    };
}
