using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Docs;

/// <summary>A link destination split into its kind, path and fragment.</summary>
/// <param name="Kind">What the destination is.</param>
/// <param name="Path">Decoded path part (relative links), or the URL (external).</param>
/// <param name="Fragment">Decoded fragment without '#', or null.</param>
public sealed record LinkTarget(LinkKind Kind, string Path, string? Fragment)
{
    /// <summary>Classifies a destination as written in Markdown.</summary>
    public static LinkTarget Parse(string raw)
    {
        var target = raw.Trim();
        if (target.StartsWith('<') && target.EndsWith('>'))
        {
            target = target[1..^1];
        }

        if (target.Length == 0)
        {
            return new(LinkKind.Other, target, null);
        }

        if (target.StartsWith('#'))
        {
            return new(LinkKind.Anchor, string.Empty, Decode(target[1..]));
        }

        if (target.StartsWith("//", StringComparison.Ordinal))
        {
            return new(LinkKind.External, "https:" + target, null);
        }

        var colon = target.IndexOf(':');
        var slash = target.IndexOf('/');
        if (colon > 0 && (slash < 0 || colon < slash) && IsScheme(target.AsSpan(0, colon)))
        {
            var scheme = target[..colon].ToLowerInvariant();
            return scheme is "http" or "https" ? new(LinkKind.External, target, null) : new(LinkKind.Other, target, null);
        }

        string? fragment = null;
        var hash = target.IndexOf('#');
        if (hash >= 0)
        {
            fragment = Decode(target[(hash + 1)..]);
            target = target[..hash];
        }

        var query = target.IndexOf('?');
        if (query >= 0)
        {
            target = target[..query];
        }

        if (target.Length == 0)
        {
            return new(LinkKind.Anchor, string.Empty, fragment);
        }

        return new(LinkKind.Relative, Decode(target), fragment);
    }

    /// <summary>
    /// The workspace-relative path a relative link points to from <paramref name="documentPath"/>; null when it leaves the workspace.
    /// A leading '/' means the workspace root, as on GitHub.
    /// </summary>
    public static string? Resolve(string documentPath, string linkPath)
    {
        var baseDir = linkPath.StartsWith('/') ? string.Empty : System.IO.Path.GetDirectoryName(documentPath)?.Replace('\\', '/') ?? string.Empty;
        return RelativePath.Combine(baseDir, linkPath.TrimStart('/'));
    }

    /// <summary>The relative link from <paramref name="fromDocument"/> to the workspace path <paramref name="toPath"/>.</summary>
    public static string RelativeFrom(string fromDocument, string toPath)
    {
        var fromDir = System.IO.Path.GetDirectoryName(fromDocument)?.Replace('\\', '/') ?? string.Empty;
        var from = fromDir.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var to = toPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common])
        {
            common++;
        }

        var up = Enumerable.Repeat("..", from.Length - common);
        return string.Join('/', up.Concat(to.Skip(common)));
    }

    private static bool IsScheme(ReadOnlySpan<char> span)
    {
        if (span.Length < 2 || !char.IsAsciiLetter(span[0]))
        {
            return false;
        }

        foreach (var c in span)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Decode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }
}
