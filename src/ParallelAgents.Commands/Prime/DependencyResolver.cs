using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Prime;

/// <summary>Turns the imports found in files into a <see cref="DependencyGraph"/>, resolving them to files or modules of the tree.</summary>
public static class DependencyResolver
{
    private static readonly string[] EcmaExtensions = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".d.ts"];

    /// <summary>
    /// Builds the graph from imports that were resolved where they were found (<see cref="ResolveLocally"/>) or not:
    /// file-based languages are resolved against <paramref name="tree"/> if still raw; C# and Java need the
    /// declarations of every file and are resolved here.
    /// </summary>
    public static DependencyGraph Build(IReadOnlyList<PrimeItemData.FileImports> imports, ImportTree tree)
    {
        var graph = new DependencyGraph();
        var javaClasses = new Dictionary<string, string>(StringComparer.Ordinal);
        var csharpNamespaces = new HashSet<string>(StringComparer.Ordinal);
        // Files of graph languages are nodes even when they import nothing, so orphans show.
        foreach (var file in tree.GraphFiles)
        {
            graph.AddNode(file);
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
                case "MSBuild script" or "Python" or "JavaScript" or "JSX" or "TypeScript" or "Go":
                    var resolved = f.Resolved is null ? ResolveLocally(f, tree) : f;
                    var node = Node(resolved);
                    graph.AddNode(node);
                    foreach (var edge in resolved.Resolved ?? [])
                    {
                        graph.AddEdge(node, edge.Spec, f.Path, edge.Line);
                    }

                    foreach (var name in resolved.External ?? [])
                    {
                        External(graph, name);
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

    /// <summary>
    /// Resolves the imports of a Python, JavaScript/TypeScript, Go or MSBuild file against the tree's files, so the
    /// work happens in the item that found them: the result carries resolved targets (graph nodes) and external
    /// module names instead of raw specifiers. Other languages are returned unchanged.
    /// </summary>
    public static PrimeItemData.FileImports ResolveLocally(PrimeItemData.FileImports f, ImportTree tree)
    {
        if (f.Language is not ("MSBuild script" or "Python" or "JavaScript" or "JSX" or "TypeScript" or "Go"))
        {
            return f;
        }

        var resolved = new List<PrimeItemData.Import>();
        var external = new List<string>();
        foreach (var use in f.Uses)
        {
            switch (f.Language)
            {
                case "MSBuild script":
                    var project = Normalize(Combine(Dir(f.Path), use.Spec));
                    if (project is not null && tree.Files.Contains(project))
                    {
                        resolved.Add(new(project, use.Line));
                    }

                    break;
                case "Python":
                    var module = ResolvePython(f.Path, use.Spec, tree.PythonModules);
                    if (module is not null)
                    {
                        resolved.Add(new(module, use.Line));
                    }
                    else
                    {
                        AddExternal(use.Spec.TrimStart('.').Split('.', ':')[0]);
                    }

                    break;
                case "Go":
                    var package = ResolveGo(use.Spec, tree.GoModules);
                    if (package is not null)
                    {
                        resolved.Add(new("go:" + package, use.Line));
                    }
                    else
                    {
                        AddExternal(use.Spec);
                    }

                    break;
                default:
                    if (!use.Spec.StartsWith('.') && !use.Spec.StartsWith('/'))
                    {
                        var parts = use.Spec.Split('/');
                        AddExternal(use.Spec.StartsWith('@') && parts.Length > 1 ? parts[0] + "/" + parts[1] : parts[0]);
                        break;
                    }

                    var script = ResolveEcma(f.Path, use.Spec, tree.Files, tree.EcmaStems);
                    if (script is not null)
                    {
                        resolved.Add(new(script, use.Line));
                    }

                    break;
            }
        }

        return f with { Uses = [], Resolved = resolved, External = external };

        void AddExternal(string name)
        {
            if (name.Length > 0)
            {
                external.Add(name);
            }
        }
    }

    // The graph node a file-based language's imports start from: the file, or its directory for a Go package.
    private static string Node(PrimeItemData.FileImports f) => f.Language == "Go" ? "go:" + (Dir(f.Path) is { Length: > 0 } d ? d : ".") : f.Path;

    private static void External(DependencyGraph graph, string name)
    {
        if (name.Length > 0)
        {
            graph.External[name] = graph.External.GetValueOrDefault(name) + 1;
        }
    }

    internal static Dictionary<string, string> PythonModules(IEnumerable<string> files)
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

    private static string? ResolveEcma(string from, string spec, HashSet<string> files, Dictionary<string, string> stems)
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

        // TypeScript sources import "./x.js" meaning ./x.ts; a folder import means its index file.
        var stripped = Path.GetExtension(basePath) is ".js" or ".mjs" or ".cjs" ? basePath[..basePath.LastIndexOf('.')] : basePath;
        return stems.TryGetValue(stripped, out var file) || stems.TryGetValue(basePath + "/index", out file) ? file : null;
    }

    // Path without a script extension → the file an extensionless import of it means, trying the extensions in order.
    internal static Dictionary<string, string> EcmaStems(IEnumerable<string> files)
    {
        var best = new Dictionary<string, (int Rank, string File)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            for (var rank = 0; rank < EcmaExtensions.Length; rank++)
            {
                if (file.EndsWith(EcmaExtensions[rank], StringComparison.Ordinal) && file.Length > EcmaExtensions[rank].Length)
                {
                    var stem = file[..^EcmaExtensions[rank].Length];
                    if (!best.TryGetValue(stem, out var seen) || rank < seen.Rank)
                    {
                        best[stem] = (rank, file);
                    }
                }
            }
        }

        return best.ToDictionary(b => b.Key, b => b.Value.File, StringComparer.Ordinal);
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
