using System.Net;

namespace ParallelAgents.Api.Security;

/// <summary>Which addresses the server will listen on, and whether they are all loopback.</summary>
public static class ListenAddresses
{
    /// <summary>
    /// The addresses configuration asks for: <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>),
    /// <c>http_ports</c>/<c>https_ports</c> (<c>ASPNETCORE_HTTP_PORTS</c>, which bind every interface) and
    /// <c>Kestrel:Endpoints:*:Url</c>; Kestrel's default <c>http://localhost:5000</c> when none is set.
    /// </summary>
    public static IReadOnlyList<string> FromConfiguration(IConfiguration configuration)
    {
        var addresses = new List<string>();
        addresses.AddRange(Split(configuration["urls"]));
        foreach (var key in new[] { "http_ports", "https_ports" })
        {
            addresses.AddRange(Split(configuration[key]).Select(port => $"http://*:{port}"));
        }

        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"]).OfType<string>().Where(u => u.Length > 0));
        return addresses.Count > 0 ? addresses : ["http://localhost:5000"];
    }

    /// <summary>True when every address is on the loopback interface (<c>localhost</c>, 127.0.0.0/8, ::1).</summary>
    public static bool AllLoopback(IEnumerable<string> addresses) => addresses.All(IsLoopback);

    /// <summary>True for a loopback URL; wildcards (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) and host names are not.</summary>
    public static bool IsLoopback(string address)
    {
        var text = address.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var rest = scheme >= 0 ? text[(scheme + 3)..] : text;
        var end = rest.IndexOfAny(['/', '?']);
        var authority = end >= 0 ? rest[..end] : rest;
        string host;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? authority[1..close] : authority;
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority[..colon] : authority;
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
