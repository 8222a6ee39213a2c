using ParallelAgents.Cli.Remote;
using ParallelAgents.Engine.Reports;

namespace ParallelAgents.Cli.Commands;

/// <summary>What the commands share: the server address, the API key, report formats and files.</summary>
public static class CommandSupport
{
    /// <summary>Where 'jobs' commands go when neither --server nor the environment names a server.</summary>
    public const string DefaultServer = "http://localhost:5080";

    /// <summary>The server from --server, else the environment, else <paramref name="fallback"/> (null: none).</summary>
    public static Uri? ResolveServer(ServerSettings settings, CliEnvironment environment, string? fallback)
    {
        var text = settings.Server;
        if (string.IsNullOrWhiteSpace(text))
        {
            text = environment.GetVariable(CliEnvironment.ServerVariable);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            text = fallback;
        }

        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            throw new CliException($"--server '{text}' is not an http(s) address; use something like --server http://localhost:5080.");
        }

        // A base path must end with '/' so that relative API paths are appended to it, not substituted for its last segment.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }

    /// <summary>The API key from --api-key, else the environment.</summary>
    public static string? ResolveApiKey(ServerSettings settings, CliEnvironment environment) =>
        !string.IsNullOrWhiteSpace(settings.ApiKey) ? settings.ApiKey.Trim()
        : environment.GetVariable(CliEnvironment.ApiKeyVariable) is { Length: > 0 } key ? key.Trim()
        : null;

    /// <summary>A client for the resolved server.</summary>
    public static ServiceClient Connect(ServerSettings settings, CliEnvironment environment, string? fallback = DefaultServer)
    {
        var server = ResolveServer(settings, environment, fallback) ?? throw new CliException("Give --server URL.");
        return new ServiceClient(environment.CreateHttpClient(server), server, ResolveApiKey(settings, environment));
    }

    /// <summary>The usual file extension of a format.</summary>
    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Markdown => "md",
        ReportFormat.Sarif => "sarif",
        _ => "json",
    };

    /// <summary>Writes a report file, creating its folder; the full path written.</summary>
    public static async Task<string> WriteFileAsync(string path, string text, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path, environment.WorkingDirectory);
        try
        {
            if (Path.GetDirectoryName(full) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await File.WriteAllTextAsync(full, text, cancellationToken);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write the report to '{full}': {e.Message}", inner: e);
        }
    }
}
