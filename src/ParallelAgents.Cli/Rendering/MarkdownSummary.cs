namespace ParallelAgents.Cli.Rendering;

/// <summary>The top of a Markdown report (title, notes, summary and instance tables, the command's section), without the findings list.</summary>
public static class MarkdownSummary
{
    /// <summary>Everything before the "## Findings" heading; the whole text when there is none.</summary>
    public static string Extract(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var end = Array.FindIndex(lines, l => l.TrimEnd() == "## Findings");
        return string.Join('\n', end < 0 ? lines : lines[..end]).TrimEnd();
    }
}
