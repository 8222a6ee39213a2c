namespace ParallelAgents.Grains.Hosting;

/// <summary>Short forms of messages for logs, events and reports.</summary>
public static class Text
{
    /// <summary>The first line of a message, at most 300 characters.</summary>
    public static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
