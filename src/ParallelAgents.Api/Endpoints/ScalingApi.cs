using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ParallelAgents.Api.Security;
using ParallelAgents.Engine.Scheduling;
using ParallelAgents.Engine.Security;
using ParallelAgents.Grains.Scheduling;

namespace ParallelAgents.Api.Endpoints;

/// <summary>
/// The scaling signal a scale rule polls (KEDA's <c>metrics-api</c> scaler on the silo app): with
/// <c>Scaling:ApiKey</c> set, that key in <c>X-Api-Key</c> is the only way in, so the rule needs no Entra token and no
/// API key of a person; without it, the API's own credentials with the <c>jobs:read</c> scope.
/// </summary>
public static class ScalingApi
{
    /// <summary>Maps <c>/api/scaling</c>.</summary>
    public static RouteGroupBuilder MapScalingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/scaling").WithTags("Scaling");
        var scaling = app.ServiceProvider.GetRequiredService<IOptions<ScalingOptions>>().Value;
        // The key is checked by the handler; the API's schemes would take the same header as one of their own keys.
        if (scaling.KeyConfigured)
        {
            group.AllowAnonymous();
        }
        else
        {
            group.RequireAuthorization(AuthSchemes.ReadPolicy);
        }

        group.MapGet("/", GetScaling).WithName("GetScaling");
        return group;
    }

    /// <summary>
    /// Work items and segments waiting for a slot anywhere in the cluster, the slots in use and the silos the
    /// scheduler knows: a scale rule divides <c>queuedItems</c> by the items one silo should have waiting.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="grains">The cluster.</param>
    /// <param name="options">The scaling key.</param>
    /// <response code="200">The signal as the scheduler counts it now.</response>
    /// <response code="401">The scaling key is configured and the request did not send it.</response>
    public static async Task<Results<Ok<ScalingSignal>, ProblemHttpResult>> GetScaling(
        HttpContext context, IGrainFactory grains, IOptions<ScalingOptions> options)
    {
        var scaling = options.Value;
        if (scaling.KeyConfigured && !KeyMatches(scaling.ApiKey, ApiKeyAuthenticationHandler.PresentedKey(context.Request)))
        {
            context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{AuthSchemes.ApiKeyHeader}\"";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Authentication required.",
                detail: $"Send the scaling key (Scaling:ApiKey) in the {AuthSchemes.ApiKeyHeader} header.");
        }

        var view = await Transient.RetryAsync(() => grains.GetGrain<IAdmissionGrain>(0).GetViewAsync());
        return TypedResults.Ok(ScalingSignal.Of(view));
    }

    // Hashes have one length whatever was sent, so the comparison takes the same time for every wrong key.
    private static bool KeyMatches(string configured, string? presented) =>
        presented is { Length: > 0 and <= 4096 }
        && CryptographicOperations.FixedTimeEquals(ApiKeyHasher.Hash(presented), ApiKeyHasher.Hash(configured));
}
