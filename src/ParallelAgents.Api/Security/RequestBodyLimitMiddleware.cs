using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Api.Security;

/// <summary>
/// Caps every request body: uploads at <c>Workspaces:MaxArchiveBytes</c>, everything else at
/// <c>Limits:MaxRequestBodyBytes</c>. A declared length over the cap is refused before reading; a streamed body fails
/// with 413 when it passes the cap.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<LimitsOptions> limits, IOptions<WorkspaceOptions> workspaces, IProblemDetailsService problems)
{
    /// <summary>Applies the cap for the matched endpoint.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var upload = context.GetEndpoint()?.Metadata.GetMetadata<UploadBodyLimit>() is not null;
        long? limit = upload ? workspaces.Value.MaxArchiveBytes + UploadBodyLimit.MultipartOverhead
            : limits.Value.MaxRequestBodyBytes > 0 ? limits.Value.MaxRequestBodyBytes : null;
        if (limit is null)
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "The request body is too large.",
                    Detail = upload
                        ? $"Uploads may be at most {workspaces.Value.MaxArchiveBytes} bytes (Workspaces:MaxArchiveBytes)."
                        : $"Request bodies may be at most {limit} bytes (Limits:MaxRequestBodyBytes).",
                },
            });
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        context.Request.Body = new LimitedReadStream(context.Request.Body, limit.Value);
        await next(context);
    }
}
