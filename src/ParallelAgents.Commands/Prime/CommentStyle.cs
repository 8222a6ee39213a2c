namespace ParallelAgents.Commands.Prime;

/// <summary>How cloc strips comments for a language; each value mirrors one of cloc's filter chains.</summary>
public enum CommentStyle
{
    /// <summary>No comments: every non-blank line is code (JSON).</summary>
    None,

    /// <summary><c>//</c> to end of line and <c>/* */</c>, string-unaware, as cloc's C++ filter (C#, Go, JS, TS, Rust...).</summary>
    CPlusPlus,

    /// <summary>Like <see cref="CPlusPlus"/> after cloc's Java pre-filters (quoted <c>/*</c> and <c>*/</c> neutralised).</summary>
    Java,

    /// <summary>Lines starting with <c>#</c>, then <c>/* */</c> and <c>//</c> (PHP).</summary>
    Php,

    /// <summary>Python: lines with <c>/*</c>, <c>*/</c> or starting with <c>#</c>, and triple-quoted strings.</summary>
    Python,

    /// <summary>Lines whose first non-blank character is <c>#</c> (Shell, YAML, Ruby, Dockerfile, Makefile...).</summary>
    Hash,

    /// <summary><c>/* */</c> only (CSS).</summary>
    CBlock,

    /// <summary><c>/* */</c> then lines starting with <c>--</c> (SQL).</summary>
    Sql,

    /// <summary><c>&lt;# #&gt;</c> blocks then lines starting with <c>#</c> (PowerShell).</summary>
    PowerShell,

    /// <summary><c>&lt;!-- --&gt;</c> (HTML, XML, Markdown).</summary>
    Html,

    /// <summary><c>(* *)</c> blocks then lines starting with <c>//</c> (F#).</summary>
    FSharp,
}
