using System.Text;
using ParallelAgents.Commands.Prime;

namespace ParallelAgents.Commands.Tests.Prime;

/// <summary>Cases where cloc's counting is surprising; prime counts them the same way.</summary>
public sealed class LineCounterTests
{
    private static LineCounts Count(string language, string text) =>
        LanguageCatalog.CountLines(LanguageCatalog.ByName(language)!, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_block_comment_ending_on_a_code_line_merges_it_into_the_line_it_started_on()
    {
        Assert.Equal(new LineCounts(1, 1, 0), Count("C#", "int y = 1; /* start\nend */ int z;\n"));
    }

    [Fact]
    public void An_opener_without_a_closer_is_not_a_comment()
    {
        Assert.Equal(new LineCounts(2, 0, 0), Count("TypeScript", "let a = 1; /* never closed\nlet b = 2;\n"));
    }

    [Fact]
    public void Comment_markers_in_strings_count_as_comments_like_cloc()
    {
        // cloc strips "/* ... */" even across strings, so three lines collapse into one code line.
        Assert.Equal(new LineCounts(1, 2, 0), Count("Go", "s := \"/*\"\nx := 1\ny := \"*/\"\n"));
    }

    [Fact]
    public void Rust_nested_comments_are_not_nested_for_cloc()
    {
        Assert.Equal(new LineCounts(1, 1, 0), Count("Rust", "/* a /* b */\nstill */ fn main() {}\n"));
    }

    [Fact]
    public void Python_triple_quoted_strings_are_comments_and_the_shebang_is_code()
    {
        Assert.Equal(new LineCounts(2, 3, 0), Count("Python", "#!/usr/bin/env python\n# c\nx = '''\nbody\n'''\n"));
    }

    [Fact]
    public void A_lone_carriage_return_does_not_end_a_line_and_a_bom_is_ignored()
    {
        Assert.Equal(new LineCounts(1, 1, 1), Count("Java", "\uFEFF// c\r\n\r\nint a;\rint b;\n"));
    }

    [Fact]
    public void A_blank_line_after_a_backslash_line_is_code_in_continuation_languages()
    {
        Assert.Equal(new LineCounts(3, 0, 0), Count("JavaScript", "const s = 'a\\\n\n';\n"));
        Assert.Equal(new LineCounts(1, 0, 1), Count("Java", "String s = 1 \\\n\n"));
    }
}
