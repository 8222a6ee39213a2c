namespace ParallelAgents.Engine.Telemetry;

/// <summary>
/// Names an Azure Storage REST request by what it does, from its method, path and query alone: the HTTP method and
/// the kind of resource it acts on (<c>blob</c>, <c>container</c>, <c>messages</c>, <c>entity</c>...), with the
/// <c>comp</c> sub-resource when there is one, e.g. <c>PUT blob</c>, <c>GET container?comp=list</c>,
/// <c>POST messages</c>, <c>MERGE entity</c>. Names never carry a container, queue, table, blob or key, so a metric
/// tagged with them has a handful of series; and they read the same for path-style (Azurite) and host-style URLs.
/// </summary>
public static class StorageOperations
{
    /// <summary>The blob service.</summary>
    public const string Blob = "blob";

    /// <summary>The queue service.</summary>
    public const string Queue = "queue";

    /// <summary>The table service.</summary>
    public const string Table = "table";

    /// <summary>The operation's name, e.g. <c>PUT blob</c>.</summary>
    /// <param name="service"><see cref="Blob"/>, <see cref="Queue"/> or <see cref="Table"/>.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The URL's path (with or without the account as its first segment).</param>
    /// <param name="query">The URL's query, with or without its leading '?'.</param>
    public static string Name(string service, string method, string path, string? query)
    {
        var comp = Parameter(query, "comp");
        var resource = service switch
        {
            Blob => BlobResource(query),
            Queue => QueueResource(path, comp),
            Table => TableResource(path),
            _ => "request",
        };
        var name = method.ToUpperInvariant() + " " + resource;
        if (comp is { Length: > 0 } && service != Table && resource != "queues")
        {
            name += "?comp=" + comp.ToLowerInvariant();
        }
        else if (service == Queue && resource == "messages" && Parameter(query, "peekonly") is "true")
        {
            name += "?peekonly";
        }

        return name;
    }

    private static string BlobResource(string? query) => Parameter(query, "restype")?.ToLowerInvariant() switch
    {
        "container" => "container",
        "service" or "account" => "service",
        _ => "blob",
    };

    private static string QueueResource(string path, string? comp)
    {
        var segments = path.Trim('/').Split('/');
        if (segments.Length >= 2 && segments[^2].Equals("messages", StringComparison.OrdinalIgnoreCase))
        {
            return "message";
        }

        if (segments[^1].Equals("messages", StringComparison.OrdinalIgnoreCase))
        {
            return "messages";
        }

        return comp is "list" ? "queues" : "queue";
    }

    private static string TableResource(string path)
    {
        var last = path.TrimEnd('/');
        last = last[(last.LastIndexOf('/') + 1)..];
        if (last.Equals("$batch", StringComparison.OrdinalIgnoreCase))
        {
            return "batch";
        }

        if (last.StartsWith("Tables", StringComparison.Ordinal))
        {
            return "tables";
        }

        // table(PartitionKey='..',RowKey='..') names one entity; table or table() the table's entities.
        var open = last.IndexOf('(', StringComparison.Ordinal);
        return open >= 0 && last.Length > open + 2 ? "entity" : "entities";
    }

    private static string? Parameter(string? query, string name)
    {
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }

        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq];
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
        }

        return null;
    }
}
