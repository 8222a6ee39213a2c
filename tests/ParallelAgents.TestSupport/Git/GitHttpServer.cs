using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ParallelAgents.TestSupport.Git;

/// <summary>
/// Serves repositories over real HTTP on loopback with git's own CGI, <c>git http-backend</c>, behind a tiny Kestrel
/// server that requires <c>Authorization: Bearer &lt;token&gt;</c>. Each repository is a bare clone of a test repository.
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    private const string Backend = "/usr/lib/git-core/git-http-backend";
    private readonly WebApplication _app;
    private readonly string _root;
    private readonly ConcurrentQueue<string> _requests = new();

    private GitHttpServer(WebApplication app, string root, string token)
    {
        _app = app;
        _root = root;
        Token = token;
    }

    /// <summary>The token the server accepts.</summary>
    public string Token { get; }

    /// <summary>Base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request as "METHOD path?query" (authorised or not), in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<GitHttpServer> StartAsync(string token)
    {
        var root = Directory.CreateTempSubdirectory("pa-git-http-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new GitHttpServer(app, root, token);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return server;
    }

    /// <summary>Publishes <paramref name="repository"/> (all its branches and tags) as <c>name.git</c>; its URL.</summary>
    public string Publish(TestGitRepository repository, string name)
    {
        var bare = Path.Combine(_root, name + ".git");
        if (Directory.Exists(bare))
        {
            repository.Git("push", "-q", "--force", "--mirror", bare);
        }
        else
        {
            repository.Git("clone", "-q", "--mirror", repository.Path, bare);
        }

        return new Uri(BaseAddress, name + ".git").AbsoluteUri;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        _requests.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        if (!string.Equals(request.Headers.Authorization.ToString(), "Bearer " + Token, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"git\"";
            return;
        }

        var info = new ProcessStartInfo(Backend) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.Environment["GIT_PROJECT_ROOT"] = _root;
        info.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["REQUEST_METHOD"] = request.Method;
        info.Environment["PATH_INFO"] = request.Path.Value ?? "/";
        info.Environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        info.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        info.Environment["REMOTE_ADDR"] = "127.0.0.1";
        info.Environment["REMOTE_USER"] = "test";
        info.Environment["GIT_PROTOCOL"] = request.Headers["Git-Protocol"].ToString();
        info.Environment["HTTP_CONTENT_ENCODING"] = request.Headers.ContentEncoding.ToString();
        using var process = Process.Start(info)!;
        await request.Body.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();
        using var output = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(output);
        await process.WaitForExitAsync();
        var bytes = output.ToArray();
        var end = IndexOf(bytes, "\r\n\r\n"u8, out var separator);
        var headers = System.Text.Encoding.ASCII.GetString(bytes, 0, end).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in headers)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                context.Response.Headers.Append(name, value);
            }
        }

        await context.Response.Body.WriteAsync(bytes.AsMemory(end + separator));
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> crlf, out int separator)
    {
        var at = bytes.AsSpan().IndexOf(crlf);
        if (at >= 0)
        {
            separator = crlf.Length;
            return at;
        }

        separator = 2;
        at = bytes.AsSpan().IndexOf("\n\n"u8);
        return at >= 0 ? at : bytes.Length - 2;
    }
}
