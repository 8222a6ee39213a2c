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
            .WithSummary("Uploads a .zip or .tar.gz (raw body, or multipart field 'file'); answers with its workspaceId.")
            .Accepts<IFormFile>("multipart/form-data")
            .Accepts<byte[]>("application/zip", "application/gzip", "application/octet-stream")
            .DisableAntiforgery()
            .RequireAuthorization(AuthSchemes.SubmitPolicy)
            .RequireRateLimiting(SecurityHosting.SubmissionsPolicy)
            .WithMetadata(UploadBodyLimit.Instance)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    /// <summary>POST /api/workspaces.</summary>
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
