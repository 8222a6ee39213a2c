using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Prime;

/// <summary>Turns the imports found in files into a <see cref="DependencyGraph"/>, resolving them to files or modules of the tree.</summary>
public static class DependencyResolver
{
    private static readonly string[] EcmaExtensions = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".d.ts"];

    /// <summary>Builds the graph.</summary>
    /// <param name="imports">Imports per file.</param>
    /// <param name="allFiles">Every file of the tree (for resolution).</param>
    /// <param name="goModules">Go module path per directory holding a go.mod ("" for the root).</param>
    public static DependencyGraph Build(IReadOnlyList<PrimeItemData.FileImports> imports, IReadOnlyCollection<string> allFiles, IReadOnlyDictionary<string, string> goModules)
    {
        var graph = new DependencyGraph();
        var files = new HashSet<string>(allFiles, StringComparer.Ordinal);
        var python = PythonModules(allFiles);
        var javaClasses = new Dictionary<string, string>(StringComparer.Ordinal);
        var csharpNamespaces = new HashSet<string>(StringComparer.Ordinal);
        // Files of graph languages are nodes even when they import nothing, so orphans show.
        foreach (var file in allFiles)
        {
            if (LanguageCatalog.Detect(file[(file.LastIndexOf('/') + 1)..]) is { Imports: ImportKind.Python or ImportKind.EcmaScript or ImportKind.Java or ImportKind.MsBuild })
            {
                graph.AddNode(file);
            }
        }

        foreach (var f in imports)
        {
            if (f.Language == "Java" && f.Declares.Count > 0)
            {
                javaClasses[f.Declares[0] + "." + Stem(f.Path)] = f.Path;
            }
            else if (f.Language == "C#")
            {
                csharpNamespaces.UnionWith(f.Declares);
            }
        }

        foreach (var f in imports)
        {
            switch (f.Language)
            {
                case "C#":
                    var fromNamespaces = f.Declares.Count > 0 ? f.Declares : ["(global)"];
                    foreach (var ns in fromNamespaces)
                    {
                        graph.AddNode("ns:" + ns);
                        foreach (var use in f.Uses)
                        {
                            if (csharpNamespaces.Contains(use.Spec))
                            {
                                graph.AddEdge("ns:" + ns, "ns:" + use.Spec, f.Path, use.Line);
                            }
                            else
                            {
                                External(graph, use.Spec.Split('.')[0]);
                            }
                        }
                    }

                    break;
                case "MSBuild script":
                    graph.AddNode(f.Path);
                    foreach (var use in f.Uses)
                    {
                        var target = Normalize(Combine(Dir(f.Path), use.Spec));
                        if (target is not null && files.Contains(target))
                        {
                            graph.AddEdge(f.Path, target, f.Path, use.Line);
                        }
                    }

                    break;
                case "Python":
                    graph.AddNode(f.Path);
                    foreach (var use in f.Uses)
                    {
                        var target = ResolvePython(f.Path, use.Spec, python);
                        if (target is not null)
                        {
                            graph.AddEdge(f.Path, target, f.Path, use.Line);
                        }
                        else
                        {
                            External(graph, use.Spec.TrimStart('.').Split('.', ':')[0]);
                        }
                    }

                    break;
                case "JavaScript" or "JSX" or "TypeScript":
                    graph.AddNode(f.Path);
                    foreach (var use in f.Uses)
                    {
                        if (!use.Spec.StartsWith('.') && !use.Spec.StartsWith('/'))
                        {
                            var parts = use.Spec.Split('/');
                            External(graph, use.Spec.StartsWith('@') && parts.Length > 1 ? parts[0] + "/" + parts[1] : parts[0]);
                            continue;
                        }

                        var target = ResolveEcma(f.Path, use.Spec, files);
                        if (target is not null)
                        {
                            graph.AddEdge(f.Path, target, f.Path, use.Line);
                        }
                    }

                    break;
                case "Go":
                    var package = "go:" + (Dir(f.Path) is { Length: > 0 } d ? d : ".");
                    graph.AddNode(package);
                    foreach (var use in f.Uses)
                    {
                        var target = ResolveGo(use.Spec, goModules);
                        if (target is not null)
                        {
                            graph.AddEdge(package, "go:" + target, f.Path, use.Line);
                        }
                        else
                        {
                            External(graph, use.Spec);
                        }
                    }

                    break;
                case "Java":
                    graph.AddNode(f.Path);
                    foreach (var use in f.Uses)
                    {
                        var spec = use.Spec;
                        if (javaClasses.TryGetValue(spec, out var target) || (spec.LastIndexOf('.') is var dot && dot > 0 && javaClasses.TryGetValue(spec[..dot], out target)))
                        {
                            graph.AddEdge(f.Path, target, f.Path, use.Line);
                        }
                        else if (spec.EndsWith(".*", StringComparison.Ordinal))
                        {
                            var package2 = spec[..^2];
                            var members = javaClasses.Where(c => c.Key.StartsWith(package2 + ".", StringComparison.Ordinal) && c.Key.LastIndexOf('.') == package2.Length).ToArray();
                            foreach (var m in members)
                            {
                                graph.AddEdge(f.Path, m.Value, f.Path, use.Line);
                            }

                            if (members.Length == 0)
                            {
                                External(graph, package2);
                            }
                        }
                        else
                        {
                            External(graph, string.Join('.', spec.Split('.').Take(2)));
                        }
                    }

                    break;
            }
        }

        return graph;
    }

    private static void External(DependencyGraph graph, string name)
    {
        if (name.Length > 0)
        {
            graph.External[name] = graph.External.GetValueOrDefault(name) + 1;
        }
    }

    private static Dictionary<string, string> PythonModules(IEnumerable<string> files)
    {
        // Every dotted suffix of a .py path names the module, so "src/pkg/mod.py" answers to pkg.mod whatever the source root.
        var modules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.EndsWith(".py", StringComparison.Ordinal)).OrderBy(f => f.Count(c => c == '/')).ThenBy(f => f, StringComparer.Ordinal))
        {
            var parts = file[..^3].Split('/').ToList();
            if (parts[^1] == "__init__")
            {
                parts.RemoveAt(parts.Count - 1);
            }

            for (var i = 0; i < parts.Count; i++)
            {
                modules.TryAdd(string.Join('.', parts.Skip(i)), file);
            }
        }

        return modules;
    }

    private static string? ResolvePython(string from, string spec, Dictionary<string, string> modules)
    {
        string module;
        string? member = null;
        var colon = spec.IndexOf(':');
        if (colon >= 0)
        {
            member = spec[(colon + 1)..];
            spec = spec[..colon];
        }

        if (spec.StartsWith('.'))
        {
            var dots = spec.TakeWhile(c => c == '.').Count();
            var dir = Dir(from).Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
            for (var i = 1; i < dots && dir.Count > 0; i++)
            {
                dir.RemoveAt(dir.Count - 1);
            }

            var rest = spec[dots..];
            module = string.Join('.', dir.Append(rest).Where(s => s.Length > 0));
        }
        else
        {
            module = spec;
        }

        if (member is not null && modules.TryGetValue(module + "." + member, out var sub))
        {
            return sub;
        }

        return module.Length > 0 && modules.TryGetValue(module, out var file) ? file : null;
    }

    private static string? ResolveEcma(string from, string spec, HashSet<string> files)
    {
        var basePath = Normalize(Combine(Dir(from), spec));
        if (basePath is null)
        {
            return null;
        }

        if (files.Contains(basePath))
        {
            return basePath;
        }

        // TypeScript sources import "./x.js" meaning ./x.ts.
        var stripped = Path.GetExtension(basePath) is ".js" or ".mjs" or ".cjs" ? basePath[..basePath.LastIndexOf('.')] : basePath;
        foreach (var candidate in EcmaExtensions.Select(e => stripped + e).Concat(EcmaExtensions.Select(e => basePath + "/index" + e)))
        {
            if (files.Contains(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? ResolveGo(string spec, IReadOnlyDictionary<string, string> goModules)
    {
        foreach (var (dir, module) in goModules.OrderByDescending(m => m.Value.Length))
        {
            if (spec == module || spec.StartsWith(module + "/", StringComparison.Ordinal))
            {
                var rest = spec[module.Length..].TrimStart('/');
                var path = string.Join('/', new[] { dir, rest }.Where(s => s.Length > 0));
                return path.Length == 0 ? "." : path;
            }
        }

        return null;
    }

    private static string Dir(string path) => path.LastIndexOf('/') is var i && i >= 0 ? path[..i] : "";

    private static string Stem(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.IndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    private static string Combine(string dir, string relative) => dir.Length == 0 ? relative : dir + "/" + relative;

    private static string? Normalize(string path) => RelativePath.Normalize(path);
}
