using System.Runtime.CompilerServices;
using System.Text;

namespace ParallelAgents.Cli.Remote;

/// <summary>Reads a <c>text/event-stream</c> body into events.</summary>
public static class ServerEventReader
{
    /// <summary>The events in order, until the stream ends.</summary>
    public static async IAsyncEnumerable<ServerEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string type = "message";
        string? id = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return new ServerEvent(type, id, data.ToString());
                }

                type = "message";
                data.Clear();
                hasData = false;
                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event":
                    type = value;
                    break;
                case "id":
                    id = value;
                    break;
                case "data":
                    if (hasData)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    hasData = true;
                    break;
            }
        }

        if (hasData)
        {
            yield return new ServerEvent(type, id, data.ToString());
        }
    }
}
