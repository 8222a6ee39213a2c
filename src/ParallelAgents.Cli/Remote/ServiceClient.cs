using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Reports;
using ParallelAgents.Engine.Runs;

namespace ParallelAgents.Cli.Remote;

/// <summary>
/// The service's HTTP API: every failure becomes a <see cref="CliException"/> that says what to fix (unreachable
/// server, refused key, invalid fields from problem details).
/// </summary>
public sealed class ServiceClient(HttpClient http, Uri server, string? apiKey) : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    /// <summary>The server's address as given.</summary>
    public Uri Server { get; } = server;

    /// <summary>POST /api/jobs.</summary>
    /// <remarks>
    /// Sent with an Idempotency-Key of its own, so the retry layer may repeat it after a 503 or a lost connection: the
    /// service answers a repeat with the job the first attempt started, never a second one.
    /// </remarks>
    public async Task<JobSnapshot> SubmitAsync(JsonObject body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await SendAsync<JobSnapshot>(HttpMethod.Post, "api/jobs", content, cancellationToken, idempotencyKey: Guid.NewGuid().ToString());
    }

    /// <summary>POST /api/workspaces with a zip; the workspace id.</summary>
    public async Task<string> UploadAsync(Stream zip, CancellationToken cancellationToken)
    {
        using var content = new StreamContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var answer = await SendAsync<JsonObject>(HttpMethod.Post, "api/workspaces", content, cancellationToken);
        return answer["workspaceId"]?.GetValue<string>() ?? throw new CliException("The service accepted the upload but returned no workspaceId.");
    }

    /// <summary>GET /api/jobs/{id}.</summary>
    public Task<JobSnapshot> GetJobAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<JobSnapshot>(HttpMethod.Get, $"api/jobs/{Uri.EscapeDataString(id)}", null, cancellationToken);

    /// <summary>GET /api/jobs.</summary>
    public Task<JobPage> ListJobsAsync(string? status, int skip, int take, CancellationToken cancellationToken)
    {
        var query = $"api/jobs?skip={skip}&take={take}" + (string.IsNullOrEmpty(status) ? "" : "&status=" + Uri.EscapeDataString(status));
        return SendAsync<JobPage>(HttpMethod.Get, query, null, cancellationToken);
    }

    /// <summary>POST /api/jobs/{id}/cancel.</summary>
    public Task<JobSnapshot> CancelAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<JobSnapshot>(HttpMethod.Post, $"api/jobs/{Uri.EscapeDataString(id)}/cancel", null, cancellationToken);

    /// <summary>GET /api/jobs/{id}/report?format=...</summary>
    public Task<string> GetReportAsync(string id, ReportFormat format, CancellationToken cancellationToken) =>
        GetTextAsync($"api/jobs/{Uri.EscapeDataString(id)}/report?format={FormatName(format)}", cancellationToken);

    /// <summary>POST /api/runs: several commands on one workspace.</summary>
    /// <remarks>Sent with an Idempotency-Key of its own, as a job's submit is: a repeat after a 503 finds the run the first attempt started.</remarks>
    public async Task<RunSnapshot> SubmitRunAsync(JsonObject body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await SendAsync<RunSnapshot>(HttpMethod.Post, "api/runs", content, cancellationToken, idempotencyKey: Guid.NewGuid().ToString());
    }

    /// <summary>GET /api/runs/{id}/report?format=...: the run's combined report.</summary>
    public Task<string> GetRunReportAsync(string id, ReportFormat format, CancellationToken cancellationToken) =>
        GetTextAsync($"api/runs/{Uri.EscapeDataString(id)}/report?format={FormatName(format)}", cancellationToken);

    /// <summary>GET /api/jobs/{id}/events: the events until the server ends the stream.</summary>
    public async IAsyncEnumerable<ServerEvent> FollowAsync(string id, string? lastEventId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = CreateRequest(HttpMethod.Get, $"api/jobs/{Uri.EscapeDataString(id)}/events", null);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        using var response = await ExchangeAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken, timeout: false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var e in ServerEventReader.ReadAsync(stream, cancellationToken))
        {
            yield return e;
        }
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private static string FormatName(ReportFormat format) => format switch
    {
        ReportFormat.Markdown => "markdown",
        ReportFormat.Sarif => "sarif",
        _ => "json",
    };

    private async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var response = await SendRawAsync(method, path, content, HttpCompletionOption.ResponseContentRead, cancellationToken, idempotencyKey);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<T>(text, ReportJson.Compact)
                ?? throw new CliException($"The service at {Server} answered {path} with an empty body.");
        }
        catch (JsonException e)
        {
            throw new CliException($"The service at {Server} answered {path} with something that is not the expected JSON ({e.Message}). Is --server a ParallelAgents service?", inner: e);
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, HttpCompletionOption completion, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var request = CreateRequest(method, path, content);
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(ServerHttpClients.IdempotencyKeyHeader, idempotencyKey);
        }

        return await ExchangeAsync(request, completion, cancellationToken, timeout: true);
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, new Uri(Server, path)) { Content = content };
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey);
        }

        return request;
    }

    private async Task<HttpResponseMessage> ExchangeAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken, bool timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout)
        {
            limit.CancelAfter(RequestTimeout);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, limit.Token);
        }
        catch (HttpRequestException e)
        {
            throw new CliException(
                $"Could not reach the service at {Server}: {e.Message}",
                details: [$"Check that it is running (dotnet run --project src/ParallelAgents.Api) and that --server or {CliEnvironment.ServerVariable} points to it, or leave out --server to run the job in this process."],
                inner: e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"The service at {Server} did not answer {request.RequestUri?.PathAndQuery} within {RequestTimeout.TotalSeconds:0} s.", inner: e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, cancellationToken);
        }
    }

    private async Task<CliException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? title = null;
        string? detail = null;
        var details = new List<string>();
        try
        {
            if (JsonNode.Parse(text) is JsonObject problem)
            {
                title = problem["title"]?.GetValueKind() == JsonValueKind.String ? problem["title"]!.GetValue<string>() : null;
                detail = problem["detail"]?.GetValueKind() == JsonValueKind.String ? problem["detail"]!.GetValue<string>() : null;
                if (problem["errors"] is JsonObject errors)
                {
                    foreach (var (field, messages) in errors)
                    {
                        var list = messages is JsonArray array ? array.Select(m => m?.ToString() ?? "") : [messages?.ToString() ?? ""];
                        details.AddRange(list.Select(m => $"{field}: {m}"));
                    }
                }
            }
        }
        catch (JsonException)
        {
            detail = text.Length > 300 ? text[..300] + "…" : text;
        }

        var heading = $"{status} {title ?? response.ReasonPhrase}";
        var message = detail is { Length: > 0 } && detail != title ? heading + (heading.EndsWith('.') ? " " : ": ") + detail : heading;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            details.Add($"The service wants a valid API key: pass --api-key KEY or set {CliEnvironment.ApiKeyVariable}.");
        }

        return new CliException(message, ExitCodes.UsageOrConnection, details);
    }
}
