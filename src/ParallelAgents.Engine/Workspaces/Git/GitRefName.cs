namespace ParallelAgents.Engine.Workspaces.Git;

/// <summary>The ref forms a git workspace accepts: a branch or tag name, a full ref, or a full commit sha.</summary>
public static class GitRefName
{
    /// <summary>Null when <paramref name="reference"/> may be asked for; otherwise why not (the rules of <c>git check-ref-format</c>).</summary>
    public static string? Check(string reference)
    {
        if (reference.Length is 0 or > 256)
        {
            return "The ref must be 1 to 256 characters: a branch ('main'), a tag, a full ref ('refs/pull/7/head') or a commit sha.";
        }

        if (IsCommitSha(reference))
        {
            return null;
        }

        // A leading '-' would be read by git as an option.
        if (reference.StartsWith('-') || reference.StartsWith('/') || reference.EndsWith('/') || reference.EndsWith('.')
            || reference.EndsWith(".lock", StringComparison.Ordinal) || reference.Contains("..", StringComparison.Ordinal)
            || reference.Contains("@{", StringComparison.Ordinal) || reference.Contains("//", StringComparison.Ordinal)
            || reference == "@" || reference.Any(c => char.IsControl(c) || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\')
            || reference.Split('/').Any(part => part.StartsWith('.')))
        {
            return $"'{(reference.Length > 80 ? reference[..80] + "…" : reference)}' is not a valid git ref name.";
        }

        return null;
    }

    /// <summary>A full commit id: 40 hex digits (SHA-1) or 64 (SHA-256). Abbreviated ids cannot be fetched.</summary>
    public static bool IsCommitSha(string? reference) =>
        reference is { Length: 40 or 64 } && reference.All(Uri.IsHexDigit);
}
