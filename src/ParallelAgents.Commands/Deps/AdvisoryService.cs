using Microsoft.Extensions.Logging;
using ParallelAgents.Commands.Deps.Osv;

namespace ParallelAgents.Commands.Deps;

/// <summary>
/// The silo's advisory source, chosen by configuration: the OSV directory when set, else the OSV API when set, else
/// none. One instance per silo (a singleton), so the directory index and the API cache are shared by every job.
/// </summary>
public sealed class AdvisoryService
{
    /// <summary>Chooses the source from the options; the OSV API is called through <paramref name="httpClientFactory"/>'s <see cref="OsvApiClient.HttpClientName"/> client.</summary>
    public AdvisoryService(AdvisoryOptions options, IHttpClientFactory httpClientFactory, ILoggerFactory? loggerFactory = null)
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
            Source = new OsvApiClient(httpClientFactory.CreateClient(OsvApiClient.HttpClientName), uri, options, loggerFactory?.CreateLogger<OsvApiClient>());
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
}
