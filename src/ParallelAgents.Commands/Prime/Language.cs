namespace ParallelAgents.Commands.Prime;

/// <summary>A language prime recognises: its cloc name, how comments are counted, and how branches and imports look.</summary>
/// <param name="Name">Name as cloc prints it (C#, Python, Bourne Shell...).</param>
/// <param name="Comments">Comment-stripping rules.</param>
/// <param name="BranchTokens">Words and operators that open a branch, for the complexity count.</param>
/// <param name="Imports">How the language names its dependencies.</param>
/// <param name="LineComment">Line comment marker used to find debt markers, when the language has one.</param>
/// <param name="Blocks">How function bodies are delimited, for long-function detection.</param>
public sealed record Language(
    string Name,
    CommentStyle Comments,
    IReadOnlySet<string> BranchTokens,
    ImportKind Imports,
    string? LineComment,
    BlockKind Blocks)
{
    /// <summary>The line comment marker as ASCII bytes (empty when the language has none).</summary>
    public ReadOnlyMemory<byte> LineCommentBytes { get; } = LineComment is null ? ReadOnlyMemory<byte>.Empty : System.Text.Encoding.ASCII.GetBytes(LineComment);
}
