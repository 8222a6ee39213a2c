namespace ParallelAgents.Commands.Prime;

/// <summary>The languages prime recognises, found by file extension or well-known file name (cloc's names and mapping).</summary>
public static class LanguageCatalog
{
    private static readonly HashSet<string> CFamilyBranches = ["if", "for", "while", "case", "catch", "&&", "||", "?"];

    private static readonly Dictionary<string, Language> ByExtension = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, Language> ByFileName = new(StringComparer.Ordinal);
    private static readonly Language[] AllLanguages;
    private static readonly Dictionary<string, Language> LanguagesByName;

    static LanguageCatalog()
    {
        var braces = BlockKind.Braces;
        Add(new("C#", CommentStyle.CPlusPlus, Set(CFamilyBranches, "foreach", "??", "when"), ImportKind.CSharp, "//", braces), "cs");
        Add(new("F#", CommentStyle.FSharp, Set(["if", "elif", "match", "|", "for", "while", "try", "&&", "||", "function"]), ImportKind.None, "//", BlockKind.None), "fs", "fsi");
        Add(new("Java", CommentStyle.Java, Set(CFamilyBranches), ImportKind.Java, "//", braces), "java");
        Add(new("Kotlin", CommentStyle.CPlusPlus, Set(CFamilyBranches, "when", "?:"), ImportKind.None, "//", braces), "kt", "kts");
        Add(new("Go", CommentStyle.CPlusPlus, Set(["if", "for", "case", "select", "&&", "||"]), ImportKind.Go, "//", braces), "go");
        Add(new("Rust", CommentStyle.CPlusPlus, Set(["if", "for", "while", "loop", "match", "=>", "&&", "||", "?"]), ImportKind.None, "//", braces), "rs");
        Add(new("Python", CommentStyle.Python, Set(["if", "elif", "for", "while", "except", "and", "or", "case", "with"]), ImportKind.Python, "#", BlockKind.Indentation), "py", "pyw", "pyi");
        Add(new("JavaScript", CommentStyle.CPlusPlus, Set(CFamilyBranches, "??"), ImportKind.EcmaScript, "//", braces), "js", "mjs", "cjs");
        Add(new("JSX", CommentStyle.CPlusPlus, Set(CFamilyBranches, "??"), ImportKind.EcmaScript, "//", braces), "jsx");
        Add(new("TypeScript", CommentStyle.CPlusPlus, Set(CFamilyBranches, "??"), ImportKind.EcmaScript, "//", braces), "ts", "tsx", "mts", "cts");
        Add(new("C", CommentStyle.CPlusPlus, Set(CFamilyBranches), ImportKind.None, "//", braces), "c");
        Add(new("C/C++ Header", CommentStyle.CPlusPlus, Set(CFamilyBranches), ImportKind.None, "//", braces), "h", "hh", "hpp", "hxx");
        Add(new("C++", CommentStyle.CPlusPlus, Set(CFamilyBranches), ImportKind.None, "//", braces), "cpp", "cc", "cxx", "c++");
        Add(new("Swift", CommentStyle.CPlusPlus, Set(CFamilyBranches, "guard"), ImportKind.None, "//", braces), "swift");
        Add(new("Ruby", CommentStyle.Hash, Set(["if", "elsif", "unless", "while", "until", "for", "when", "rescue", "&&", "||", "and", "or"]), ImportKind.None, "#", BlockKind.EndKeyword), "rb", "rake", "gemspec");
        Add(new("PHP", CommentStyle.Php, Set(CFamilyBranches, "elseif", "foreach"), ImportKind.None, "//", braces), "php");
        Add(new("Bourne Shell", CommentStyle.Hash, Set(["if", "elif", "for", "while", "until", "case", "&&", "||"]), ImportKind.None, "#", BlockKind.None), "sh");
        Add(new("Bourne Again Shell", CommentStyle.Hash, Set(["if", "elif", "for", "while", "until", "case", "&&", "||"]), ImportKind.None, "#", BlockKind.None), "bash");
        Add(new("PowerShell", CommentStyle.PowerShell, Set(["if", "elseif", "foreach", "for", "while", "switch", "catch", "-and", "-or"]), ImportKind.None, "#", braces), "ps1", "psm1", "psd1");
        Add(new("SQL", CommentStyle.Sql, Set(["when", "case", "if", "while", "and", "or"]), ImportKind.None, "--", BlockKind.None), "sql");
        Add(new("HTML", CommentStyle.Html, Empty, ImportKind.None, null, BlockKind.None), "html", "htm");
        Add(new("CSS", CommentStyle.CBlock, Empty, ImportKind.None, null, BlockKind.None), "css");
        Add(new("SCSS", CommentStyle.CPlusPlus, Set(["@if", "@else", "@each", "@for", "@while"]), ImportKind.None, "//", BlockKind.None), "scss");
        Add(new("Markdown", CommentStyle.Html, Empty, ImportKind.None, null, BlockKind.None), "md", "markdown");
        Add(new("YAML", CommentStyle.Hash, Empty, ImportKind.None, "#", BlockKind.None), "yml", "yaml");
        Add(new("JSON", CommentStyle.None, Empty, ImportKind.None, null, BlockKind.None), "json");
        Add(new("XML", CommentStyle.Html, Empty, ImportKind.None, null, BlockKind.None), "xml", "props", "targets", "resx", "fsproj", "config", "nuspec");
        Add(new("MSBuild script", CommentStyle.Html, Empty, ImportKind.MsBuild, null, BlockKind.None), "csproj", "vbproj", "proj");
        Add(new("Bicep", CommentStyle.CPlusPlus, Set(["if", "for", "?", "&&", "||"]), ImportKind.None, "//", BlockKind.None), "bicep");
        Add(new("make", CommentStyle.Hash, Set(["ifeq", "ifneq", "ifdef", "ifndef"]), ImportKind.None, "#", BlockKind.None), "mk", "mak");
        var dockerfile = new Language("Dockerfile", CommentStyle.Hash, Empty, ImportKind.None, "#", BlockKind.None);
        Add(dockerfile, "dockerfile");
        ByFileName["Dockerfile"] = dockerfile;
        ByFileName["dockerfile"] = dockerfile;
        foreach (var name in new[] { "Makefile", "makefile", "GNUmakefile", "Gnumakefile", "gnumakefile" })
        {
            ByFileName[name] = ByExtension["mk"];
        }

        AllLanguages = [.. ByExtension.Values.Concat(ByFileName.Values).DistinctBy(l => l.Name).OrderBy(l => l.Name, StringComparer.Ordinal)];
        LanguagesByName = AllLanguages.ToDictionary(l => l.Name, StringComparer.Ordinal);
    }

    private static readonly HashSet<string> ContinuationLanguages =
    [
        "C", "C++", "C/C++ Header", "C#", "Go", "JavaScript", "JSX", "TypeScript", "Python", "Ruby", "Swift",
        "Bourne Shell", "Bourne Again Shell", "make", "PowerShell",
    ];

    private static readonly HashSet<string> ScriptLanguages = ["Python", "Ruby", "PHP", "Bourne Shell", "Bourne Again Shell"];

    /// <summary>Counts the lines of a file of <paramref name="language"/> the way cloc does.</summary>
    public static LineCounts CountLines(Language language, ReadOnlySpan<byte> content) =>
        LineCounter.Count(content, language.Comments, ScriptLanguages.Contains(language.Name), ContinuationLanguages.Contains(language.Name));

    /// <summary>Every language, by name.</summary>
    public static IReadOnlyList<Language> All => AllLanguages;

    /// <summary>The language of a file, from its name; null when prime does not count it.</summary>
    public static Language? Detect(string fileName)
    {
        if (ByFileName.TryGetValue(fileName, out var byName))
        {
            return byName;
        }

        if (fileName.StartsWith("Dockerfile.", StringComparison.Ordinal))
        {
            return ByFileName["Dockerfile"];
        }

        var dot = fileName.LastIndexOf('.');
        return dot > 0 && dot < fileName.Length - 1 && ByExtension.TryGetValue(fileName[(dot + 1)..], out var byExtension) ? byExtension : null;
    }

    /// <summary>A language by its name.</summary>
    public static Language? ByName(string name) => LanguagesByName.GetValueOrDefault(name);

    private static IReadOnlySet<string> Empty { get; } = new HashSet<string>();

    private static HashSet<string> Set(IEnumerable<string> tokens, params string[] more) => new(tokens.Concat(more), StringComparer.Ordinal);

    private static void Add(Language language, params string[] extensions)
    {
        foreach (var extension in extensions)
        {
            ByExtension[extension] = language;
        }
    }
}
