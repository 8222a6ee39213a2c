using Microsoft.Extensions.Logging;
using ParallelAgents.Commands.Deps.Osv;

namespace ParallelAgents.Commands.Deps;

/// <summary>
/// The silo's advisory source, chosen by configuration: the OSV directory when set, else the OSV API when set, else
/// none. One instance per silo (a singleton), so the directory index and the API cache are shared by every job.
/// </summary>
public sealed class AdvisoryService : IDisposable
{
    private readonly HttpClient? _http;

    /// <summary>Chooses the source from the options.</summary>
    public AdvisoryService(AdvisoryOptions options, ILoggerFactory? loggerFactory = null)
    {
        Options = options;
        if (!string.IsNullOrWhiteSpace(options.OsvDirectory))
        {
            Source = new DirectoryAdvisorySource(options.OsvDirectory.Trim());
            Description = $"OSV directory {options.OsvDirectory.Trim()}";
            if (!string.IsNullOrWhiteSpace(options.OsvApiUrl))
            {
                Description += " (Advisories:OsvApiUrl is also set and is not used while a directory is configured)";
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.OsvApiUrl) && Uri.TryCreate(options.OsvApiUrl.Trim(), UriKind.Absolute, out var uri))
        {
            _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
            Source = new OsvApiClient(_http, uri, options, loggerFactory?.CreateLogger<OsvApiClient>());
            Description = $"OSV API {uri.ToString().TrimEnd('/')}";
        }
        else
        {
            Description = string.IsNullOrWhiteSpace(options.OsvApiUrl)
                ? "none"
                : $"none (Advisories:OsvApiUrl '{options.OsvApiUrl}' is not an absolute URL)";
        }
    }

    /// <summary>The options in force.</summary>
    public AdvisoryOptions Options { get; }

    /// <summary>The source, or null when none is configured.</summary>
    public IAdvisorySource? Source { get; }

    /// <summary>One line naming the source for reports.</summary>
    public string Description { get; }

    /// <inheritdoc />
    public void Dispose() => _http?.Dispose();
}
