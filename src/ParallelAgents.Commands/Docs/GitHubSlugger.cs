using System.Globalization;
using System.Text;

namespace ParallelAgents.Commands.Docs;

/// <summary>
/// GitHub's heading anchors (as github-slugger computes them): lower-case, punctuation and symbols dropped,
/// spaces to '-', and '-1', '-2'... appended to repeated slugs within one document.
/// </summary>
public sealed class GitHubSlugger
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>The slug of one heading text, without the repeat suffix.</summary>
    public static string BaseSlug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.ToLowerInvariant().EnumerateRunes())
        {
            if (rune.Value == ' ')
            {
                builder.Append('-');
                continue;
            }

            if (rune.Value == '-' || rune.Value == '_')
            {
                builder.Append(rune.ToString());
                continue;
            }

            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.OtherNumber:
                case UnicodeCategory.ConnectorPunctuation:
                    builder.Append(rune.ToString());
                    break;
                default:
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>The unique slug for the next heading with this text in the document.</summary>
    public string Slug(string text)
    {
        var slug = BaseSlug(text);
        var original = slug;
        while (_seen.ContainsKey(slug))
        {
            _seen[original]++;
            slug = $"{original}-{_seen[original]}";
        }

        _seen[slug] = 0;
        return slug;
    }
}
