using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace ParallelAgents.Api.Endpoints;

/// <summary>
/// <c>Idempotency-Key</c> on <c>POST /api/jobs</c> and <c>POST /api/runs</c>: the job's (or run's) id is derived from
/// the caller and the key, so however often a request is retried — after a timeout, a 503, a lost connection — it
/// names one job, and the job's grain accepts it once. The key is kept as long as the job is.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>The request header.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The response header on an answer that found the job the key already named.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Longest key accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>Reads the header: absent is fine; one printable ASCII value of 1–200 characters is a key.</summary>
    public static bool TryRead(IHeaderDictionary headers, out string? key, out string? error)
    {
        key = null;
        error = null;
        if (!headers.TryGetValue(Header, out StringValues values))
        {
            return true;
        }

        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxLength } value || !value.All(c => c is >= '!' and <= '~'))
        {
            error = $"Give one key of 1 to {MaxLength} printable ASCII characters without spaces (a UUID is a good key).";
            return false;
        }

        key = value;
        return true;
    }

    /// <summary>The job id a key names for <paramref name="owner"/>: 32 hex characters, like a generated id.</summary>
    public static string JobId(string? owner, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"idempotency\n{owner}\n{key}")))[..32];

    /// <summary>The run id a key names for <paramref name="owner"/>; never the id of a job the same key names.</summary>
    public static string RunId(string? owner, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"idempotency-run\n{owner}\n{key}")))[..32];

    /// <summary>Hash of the request body, to tell a retry from another request under the same key.</summary>
    public static string RequestHash(JsonNode? body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "null")));

    /// <summary>The 422 for a key this caller already used with another body for <paramref name="what"/> (job or run) <paramref name="id"/>.</summary>
    public static ProblemHttpResult Conflict(string what, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "The Idempotency-Key was already used for a different request.",
        detail: $"{char.ToUpperInvariant(what[0])}{what[1..]} {id} was submitted with this {Header} and another body. Use a new key for a new {what}.",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Header] = ["already used for a different request"] } });
}
