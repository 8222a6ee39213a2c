using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Commands.Deps;
using ParallelAgents.Commands.Deps.Parsers;

namespace ParallelAgents.Commands.Tests.Deps;

internal static class DepsFixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Deps", "Fixtures");

    public static string Repo => Path.Combine(Root, "repo");

    public static string Osv => Path.Combine(Root, "osv");

    public static ParsedManifest Parse(IManifestParser parser, string relative)
    {
        var text = File.ReadAllText(Path.Combine(Repo, relative));
        return parser.Parse(new ManifestSource(relative, text, r =>
        {
            var full = Path.Combine(Repo, r);
            return File.Exists(full) ? File.ReadAllText(full) : null;
        }));
    }

    public static ParsedManifest ParseText(IManifestParser parser, string path, string text) => parser.Parse(new ManifestSource(path, text));

    public static IServiceProvider Services(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddBuiltInCommands()
            .BuildServiceProvider();
    }

    /// <summary>A scratch copy of the fixture repository that a test may change.</summary>
    public static string CopyRepo()
    {
        var target = Path.Combine(Path.GetTempPath(), "deps-audit-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Repo, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Repo, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
