using Microsoft.AspNetCore.Http.HttpResults;
using ParallelAgents.Api.Security;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Grains.Workspaces;

namespace ParallelAgents.Api.Endpoints;

/// <summary>Uploaded workspaces.</summary>
public static class WorkspacesApi
{
    /// <summary>Maps <c>/api/workspaces</c>.</summary>
    public static RouteGroupBuilder MapWorkspacesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces").WithTags("Workspaces");
        group.MapPost("/", UploadWorkspace).WithName("UploadWorkspace")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The body is read by hand (raw or multipart), so no parameter carries its description.
                operation.RequestBody?.Description = "The archive: a .zip or .tar.gz as the raw body, or in the multipart field 'file'.";
                return Task.CompletedTask;
            })
            .Accepts<IFormFile>("multipart/form-data")
            .Accepts<byte[]>("application/zip", "application/gzip", "application/octet-stream")
            .DisableAntiforgery()
            .RequireAuthorization(AuthSchemes.SubmitPolicy)
            .RequireRateLimiting(SecurityHosting.SubmissionsPolicy)
            .WithMetadata(UploadBodyLimit.Instance)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    /// <summary>Uploads a workspace archive so jobs can run on files the service cannot see.</summary>
    /// <remarks>
    /// Send a .zip or .tar.gz, as the raw body or in the multipart field 'file'. The archive is checked (size, entry
    /// count, paths that escape it, links) and unpacked; name the answered workspaceId in POST /api/jobs. Only the
    /// identity that uploaded it may use it.
    /// </remarks>
    /// <param name="request">The request with the archive.</param>
    /// <param name="store">Where uploads are kept.</param>
    /// <param name="cancellationToken">Stops the upload.</param>
    /// <response code="201">The archive was stored; the body carries its workspaceId.</response>
    /// <response code="400">The form has no file, or the archive is not a readable .zip or .tar.gz.</response>
    /// <response code="413">The archive, or its unpacked content, is larger than the limits allow.</response>
    /// <response code="429">Too many submissions; Retry-After says when to try again.</response>
    public static async Task<Results<Created<WorkspaceUploaded>, ProblemHttpResult>> UploadWorkspace(
        HttpRequest request, WorkspaceStore store, CancellationToken cancellationToken)
    {
        Stream body;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is null)
            {
                return TypedResults.Problem(statusCode: 400, title: "No archive.", detail: "The form has no file; send the archive in the field 'file'.");
            }

            body = file.OpenReadStream();
        }
        else
        {
            body = request.Body;
        }

        try
        {
            var id = await store.SaveAsync(body, Caller.Owner(request.HttpContext), cancellationToken);
            return TypedResults.Created($"/api/workspaces/{id}", new WorkspaceUploaded(id));
        }
        catch (ArchiveRejectedException e)
        {
            return TypedResults.Problem(statusCode: e.StatusCode, title: "The archive was refused.", detail: e.Message);
        }
        finally
        {
            await body.DisposeAsync();
        }
    }
}
