namespace ParallelAgents.Commands.AgentAudit;

/// <summary>Applies a file's safe fixes to its text (in memory only; the workspace is never written).</summary>
internal static class AgentFixer
{
    /// <summary>Body of the SYSTEM BOUNDARY section the fixer adds.</summary>
    public const string BoundaryText =
        "This agent works only on the task it is given and does not start, call or coordinate other agents. " + ClaudeConfigChecks.OrchestrationSentence + ".";

    /// <summary>The fixed lines and whether the fixed file ends with a newline.</summary>
    public static (IReadOnlyList<string> Lines, bool EndsWithNewline) Apply(AgentDocument doc, FixPlan plan)
    {
        var lines = doc.Lines;
        var firstEntry = doc.Entries.Count > 0 ? doc.Entries[0].FirstLineIndex : doc.ClosingLineIndex;
        var blocks = doc.Entries
            .Select(e => (e.Key, Lines: Slice(lines, e.FirstLineIndex, e.EndLineIndex)))
            .ToList();
        if (plan.NewName is { } name)
        {
            Replace(blocks, "name", $"name: {name}");
        }

        if (plan.NormalisedTools is { } tools)
        {
            Replace(blocks, "tools", $"tools: {tools}");
        }

        if (plan.KeyOrder is { } order)
        {
            blocks = blocks.OrderBy(b => IndexOf(order, b.Key)).ToList();
        }

        var result = new List<string> { lines[0] };
        result.AddRange(Slice(lines, 1, firstEntry));
        result.AddRange(blocks.SelectMany(b => b.Lines));
        var body = Slice(lines, doc.ClosingLineIndex, lines.Count);
        if (plan.BoundaryHeadingIndex is { } heading)
        {
            body.InsertRange(heading - doc.ClosingLineIndex + 1, ["", ClaudeConfigChecks.OrchestrationSentence + "."]);
        }

        var endsWithNewline = doc.EndsWithNewline;
        if (plan.AddBoundarySection)
        {
            while (body.Count > 1 && string.IsNullOrWhiteSpace(body[^1]))
            {
                body.RemoveAt(body.Count - 1);
            }

            body.AddRange(["", $"## {ClaudeConfigChecks.BoundaryHeading}", "", BoundaryText]);
            endsWithNewline = true;
        }

        result.AddRange(body);
        return (result, endsWithNewline);
    }

    // The key's first line becomes the new line; comment and blank lines that followed it stay.
    private static void Replace(List<(string Key, List<string> Lines)> blocks, string key, string line)
    {
        var index = blocks.FindIndex(b => b.Key == key);
        if (index < 0)
        {
            return;
        }

        var kept = blocks[index].Lines.Skip(1).Where(l => l.TrimStart().StartsWith('#') || string.IsNullOrWhiteSpace(l));
        blocks[index] = (key, [line, .. kept]);
    }

    private static int IndexOf(IReadOnlyList<string> order, string key)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == key)
            {
                return i;
            }
        }

        return order.Count;
    }

    private static List<string> Slice(IReadOnlyList<string> lines, int start, int end) =>
        lines.Skip(start).Take(Math.Max(0, end - start)).ToList();
}
