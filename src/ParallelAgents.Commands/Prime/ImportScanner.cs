using System.Text;
using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Prime;

/// <summary>Finds the imports a file makes and the modules it declares, line by line, per language.</summary>
public static partial class ImportScanner
{
    /// <summary>Imports and declarations of one file.</summary>
    public static PrimeItemData.FileImports Scan(string path, Language language, ReadOnlySpan<byte> content)
    {
        var uses = new List<PrimeItemData.Import>();
        var declares = new List<string>();
        var lineNumber = 0;
        var inGoBlock = false;
        var p = 0;
        while (p < content.Length)
        {
            var nl = content[p..].IndexOf((byte)'\n');
            var raw = nl < 0 ? content[p..] : content.Slice(p, nl);
            p = nl < 0 ? content.Length : p + nl + 1;
            lineNumber++;
            var line = raw.Trim(" \t\r"u8);
            if (line.Length == 0)
            {
                continue;
            }

            switch (language.Imports)
            {
                case ImportKind.CSharp:
                    CSharp(line, lineNumber, uses, declares);
                    break;
                case ImportKind.MsBuild:
                    if (line.IndexOf("ProjectReference"u8) >= 0 && Match(ProjectReference(), line) is { } reference)
                    {
                        uses.Add(new(reference.Replace('\\', '/'), lineNumber));
                    }

                    break;
                case ImportKind.Python:
                    if (line.StartsWith("import "u8) || line.StartsWith("from "u8))
                    {
                        Python(Encoding.UTF8.GetString(line), lineNumber, uses);
                    }

                    break;
                case ImportKind.EcmaScript:
                    if (line.IndexOf("import"u8) >= 0 || line.IndexOf("require"u8) >= 0 || line.IndexOf("from"u8) >= 0)
                    {
                        foreach (Match m in EcmaImport().Matches(Encoding.UTF8.GetString(line)))
                        {
                            uses.Add(new(m.Groups["spec"].Value, lineNumber));
                        }
                    }

                    break;
                case ImportKind.Go:
                    Go(line, lineNumber, uses, declares, ref inGoBlock);
                    break;
                case ImportKind.Java:
                    if (line.StartsWith("import "u8) && line[^1] == (byte)';')
                    {
                        var spec = Encoding.UTF8.GetString(line[7..^1]).Trim();
                        spec = spec.StartsWith("static ", StringComparison.Ordinal) ? spec[7..].Trim() : spec;
                        uses.Add(new(spec, lineNumber));
                    }
                    else if (line.StartsWith("package "u8) && line[^1] == (byte)';')
                    {
                        declares.Add(Encoding.UTF8.GetString(line[8..^1]).Trim());
                    }

                    break;
            }
        }

        return new PrimeItemData.FileImports(path, language.Name, uses, declares);
    }

    private static void CSharp(ReadOnlySpan<byte> line, int number, List<PrimeItemData.Import> uses, List<string> declares)
    {
        var rest = line;
        if (rest.StartsWith("global using "u8))
        {
            rest = rest[7..];
        }

        if (rest.StartsWith("using "u8) && rest[^1] == (byte)';' && rest.IndexOf((byte)'(') < 0)
        {
            var text = Encoding.UTF8.GetString(rest[6..^1]).Trim();
            if (text.StartsWith("static ", StringComparison.Ordinal))
            {
                text = text[7..].Trim();
                var dot = text.LastIndexOf('.');
                text = dot > 0 ? text[..dot] : text;
            }

            var eq = text.IndexOf('=');
            text = eq >= 0 ? text[(eq + 1)..].Trim() : text;
            if (text.StartsWith("var ", StringComparison.Ordinal) || text.Contains(' ', StringComparison.Ordinal))
            {
                return;
            }

            var generic = text.IndexOf('<');
            uses.Add(new(generic > 0 ? text[..text[..generic].LastIndexOf('.')] : text, number));
        }
        else if (line.StartsWith("namespace "u8))
        {
            var text = Encoding.UTF8.GetString(line[10..]).Trim().TrimEnd(';', '{').Trim();
            if (text.Length > 0)
            {
                declares.Add(text);
            }
        }
    }

    private static void Python(string line, int number, List<PrimeItemData.Import> uses)
    {
        var hash = line.IndexOf('#');
        line = hash >= 0 ? line[..hash] : line;
        if (line.StartsWith("import ", StringComparison.Ordinal))
        {
            foreach (var part in line[7..].Split(','))
            {
                var name = part.Trim().Split(' ')[0];
                if (name.Length > 0 && name != "(")
                {
                    uses.Add(new(name, number));
                }
            }
        }
        else
        {
            var import = line.IndexOf(" import ", StringComparison.Ordinal);
            if (import < 0)
            {
                return;
            }

            var module = line[5..import].Trim();
            var names = line[(import + 8)..].Trim().Trim('(', ')').Split(',');
            foreach (var n in names)
            {
                var name = n.Trim().Split(' ')[0];
                if (name.Length > 0 && name != "*" && name != "\\")
                {
                    // "from pkg import mod" may name a submodule; the resolver tries pkg.mod, then pkg.
                    uses.Add(new(module.EndsWith('.') ? module + name : module + ":" + name, number));
                }
            }

            if (names.All(n => n.Trim() is "*" or ""))
            {
                uses.Add(new(module, number));
            }
        }
    }

    private static void Go(ReadOnlySpan<byte> line, int number, List<PrimeItemData.Import> uses, List<string> declares, ref bool inBlock)
    {
        if (inBlock)
        {
            if (line[0] == (byte)')')
            {
                inBlock = false;
                return;
            }

            if (Quoted(line) is { } spec)
            {
                uses.Add(new(spec, number));
            }

            return;
        }

        if (line.StartsWith("import ("u8) || line.SequenceEqual("import("u8))
        {
            inBlock = true;
        }
        else if (line.StartsWith("import "u8) && Quoted(line) is { } spec)
        {
            uses.Add(new(spec, number));
        }
        else if (line.StartsWith("package "u8))
        {
            declares.Add(Encoding.UTF8.GetString(line[8..]).Trim());
        }
    }

    private static string? Quoted(ReadOnlySpan<byte> line)
    {
        var open = line.IndexOf((byte)'"');
        if (open < 0)
        {
            return null;
        }

        var close = line[(open + 1)..].IndexOf((byte)'"');
        return close < 0 ? null : Encoding.UTF8.GetString(line.Slice(open + 1, close));
    }

    private static string? Match(Regex regex, ReadOnlySpan<byte> line)
    {
        var m = regex.Match(Encoding.UTF8.GetString(line));
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("<ProjectReference\\s+Include\\s*=\\s*\"([^\"]+)\"")]
    private static partial Regex ProjectReference();

    [GeneratedRegex("""(?:^|[^\w.$])(?:import|export)\s(?:[^'"]*?\sfrom\s*)?['"](?<spec>[^'"]+)['"]|(?:^|[^\w.$])(?:require|import)\s*\(\s*['"](?<spec>[^'"]+)['"]\s*\)|^\}?\s*from\s*['"](?<spec>[^'"]+)['"]""")]
    private static partial Regex EcmaImport();
}
