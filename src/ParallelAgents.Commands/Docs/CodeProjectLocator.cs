namespace ParallelAgents.Commands.Docs;

/// <summary>Groups source files into projects by the nearest marker file (*.csproj, pyproject.toml/setup.py, package.json, go.mod).</summary>
public static class CodeProjectLocator
{
    /// <summary>The coverage language of a source file, or null when it is not one (tests in Go, generated and minified files are left out).</summary>
    public static string? LanguageOf(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".cs", StringComparison.Ordinal))
        {
            return name.EndsWith(".g.cs", StringComparison.Ordinal) || name.EndsWith(".Designer.cs", StringComparison.Ordinal) || name.EndsWith(".generated.cs", StringComparison.Ordinal) ? null : "csharp";
        }

        if (name.EndsWith(".py", StringComparison.Ordinal))
        {
            return "python";
        }

        if (name.EndsWith(".go", StringComparison.Ordinal))
        {
            return name.EndsWith("_test.go", StringComparison.Ordinal) ? null : "go";
        }

        if (name.EndsWith(".d.ts", StringComparison.Ordinal) || name.EndsWith(".min.js", StringComparison.Ordinal))
        {
            return null;
        }

        return Path.GetExtension(name) is ".js" or ".jsx" or ".mjs" or ".cjs" or ".ts" or ".tsx" or ".mts" or ".cts" ? "javascript" : null;
    }

    /// <summary>Coverage items: one per project and language, files sorted.</summary>
    public static IReadOnlyList<CodeDocItem> Locate(IReadOnlyList<string> files)
    {
        var markers = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["csharp"] = [],
            ["python"] = [],
            ["javascript"] = [],
            ["go"] = [],
        };
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var dir = DirectoryOf(file);
            if (name.EndsWith(".csproj", StringComparison.Ordinal))
            {
                markers["csharp"].Add(dir);
            }
            else if (name is "pyproject.toml" or "setup.py" or "setup.cfg")
            {
                markers["python"].Add(dir);
            }
            else if (name == "package.json")
            {
                markers["javascript"].Add(dir);
            }
            else if (name == "go.mod")
            {
                markers["go"].Add(dir);
            }
        }

        var groups = new Dictionary<(string Language, string Project), List<string>>();
        foreach (var file in files)
        {
            var language = LanguageOf(file);
            if (language is null)
            {
                continue;
            }

            var project = ProjectOf(file, markers[language]);
            if (!groups.TryGetValue((language, project), out var list))
            {
                list = [];
                groups[(language, project)] = list;
            }

            list.Add(file);
        }

        return groups
            .OrderBy(g => g.Key.Language, StringComparer.Ordinal).ThenBy(g => g.Key.Project, StringComparer.Ordinal)
            .Select(g => new CodeDocItem(g.Key.Language, g.Key.Project, g.Value.Order(StringComparer.Ordinal).ToArray()))
            .ToArray();
    }

    private static string ProjectOf(string file, HashSet<string> markerDirs)
    {
        for (var dir = DirectoryOf(file); ; dir = DirectoryOf(dir))
        {
            if (markerDirs.Contains(dir))
            {
                return dir;
            }

            if (dir == ".")
            {
                break;
            }
        }

        var slash = file.IndexOf('/');
        return slash < 0 ? "." : file[..slash];
    }

    private static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "." : path[..slash];
    }
}
