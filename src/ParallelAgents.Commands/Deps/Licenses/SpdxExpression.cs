namespace ParallelAgents.Commands.Deps.Licenses;

/// <summary>
/// An SPDX license expression: ids (with optional '+'), <c>WITH</c> exceptions, <c>AND</c>, <c>OR</c> and parentheses,
/// with AND binding tighter than OR. Operators are accepted in any case. Text that does not parse is kept as one
/// license name, so it can still be listed in allow or deny.
/// </summary>
public abstract record SpdxExpression
{
    /// <summary>Parses an expression; never throws.</summary>
    public static SpdxExpression Parse(string text)
    {
        var tokens = Tokenize(text);
        var position = 0;
        try
        {
            var result = ParseOr(tokens, ref position);
            if (position == tokens.Count)
            {
                return result;
            }
        }
        catch (FormatException)
        {
            // Falls through to the single-name reading.
        }

        return new SpdxLicense(text.Trim(), null);
    }

    /// <summary>Every license leaf.</summary>
    public abstract IEnumerable<SpdxLicense> Leaves();

    /// <summary>True when some choice of OR branches uses only licenses that <paramref name="acceptable"/> accepts.</summary>
    public abstract bool IsSatisfiedBy(Func<SpdxLicense, bool> acceptable);

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (c is '(' or ')' || char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }

                if (c is '(' or ')')
                {
                    tokens.Add(c.ToString());
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static bool Is(List<string> tokens, int position, string word) =>
        position < tokens.Count && string.Equals(tokens[position], word, StringComparison.OrdinalIgnoreCase);

    private static SpdxExpression ParseOr(List<string> tokens, ref int position)
    {
        var left = ParseAnd(tokens, ref position);
        while (Is(tokens, position, "OR"))
        {
            position++;
            left = new SpdxOr(left, ParseAnd(tokens, ref position));
        }

        return left;
    }

    private static SpdxExpression ParseAnd(List<string> tokens, ref int position)
    {
        var left = ParsePrimary(tokens, ref position);
        while (Is(tokens, position, "AND"))
        {
            position++;
            left = new SpdxAnd(left, ParsePrimary(tokens, ref position));
        }

        return left;
    }

    private static SpdxExpression ParsePrimary(List<string> tokens, ref int position)
    {
        if (position >= tokens.Count)
        {
            throw new FormatException("Unexpected end of expression.");
        }

        if (tokens[position] == "(")
        {
            position++;
            var inner = ParseOr(tokens, ref position);
            if (!Is(tokens, position, ")"))
            {
                throw new FormatException("Missing ')'.");
            }

            position++;
            return inner;
        }

        var id = tokens[position];
        if (id is ")" || Is(tokens, position, "AND") || Is(tokens, position, "OR") || Is(tokens, position, "WITH"))
        {
            throw new FormatException($"Expected a license id, found '{id}'.");
        }

        position++;
        string? exception = null;
        if (Is(tokens, position, "WITH"))
        {
            position++;
            if (position >= tokens.Count || tokens[position] is "(" or ")")
            {
                throw new FormatException("WITH needs an exception id.");
            }

            exception = tokens[position++];
        }

        return new SpdxLicense(id, exception);
    }
}
