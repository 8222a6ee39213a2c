using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ParallelAgents.Api.Endpoints;
using ParallelAgents.Engine.Reports;
using ParallelAgents.Engine.Submission;
using ParallelAgents.Hosting.Topology;

namespace ParallelAgents.Api.Hosting;

/// <summary>HTTP-side services and middleware: JSON conventions, problem details, OpenAPI and Swagger UI.</summary>
public static partial class ApiHosting
{
    /// <summary>Registers the API's services.</summary>
    public static WebApplicationBuilder AddParallelAgentsApi(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o => ReportJson.Apply(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ClientErrorExceptionHandler>();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ParallelAgents";
            document.Info.Description = "Runs agent commands over a code workspace on a pool of parallel agent instances, with live progress and merged reports.";
            return Task.CompletedTask;
        }));
        builder.Services.AddSingleton<IUploadedWorkspaces, Endpoints.StoredUploads>();
        builder.Services.AddSingleton<SubmissionService>();
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
        return builder;
    }

    /// <summary>Adds the middleware.</summary>
    public static WebApplication UseParallelAgentsApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var topology = app.Services.GetRequiredService<IOptions<OrleansTopologyOptions>>().Value;
        if (topology.ParsedRole == OrleansRole.Client)
        {
            // After the exception handler, so a cluster that stays silent past the budget becomes a 503.
            app.UseClusterCallBudget(topology.Client.UnavailableTimeout);
        }

        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapOpenApi();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "ParallelAgents v1");
            o.RoutePrefix = "swagger";
            o.DocumentTitle = "ParallelAgents API";

            // The document declares the API-key (and Entra) schemes, so Swagger UI shows "Authorize"; keep the key across reloads.
            o.EnablePersistAuthorization();
        });
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            Log.Running(app.Logger, urls);
        });
        return app;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "ParallelAgents is running at {Urls} (dashboard at /, Swagger UI at /swagger)")]
        public static partial void Running(ILogger logger, string urls);
    }

    /// <summary>Turns errors caused by the request into 4xx problem details instead of 500.</summary>
    private sealed class ClientErrorExceptionHandler(IProblemDetailsService problems, IOptions<OrleansTopologyOptions> topology) : IExceptionHandler
    {
        private bool Client => topology.Value.ParsedRole == OrleansRole.Client;

        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, detail) = exception switch
            {
                BadHttpRequestException b => (b.StatusCode, b.Message),
                System.Text.Json.JsonException j => (StatusCodes.Status400BadRequest, $"The body is not valid JSON: {j.Message}"),
                InvalidDataException d => (StatusCodes.Status400BadRequest, d.Message),
                InvalidOperationException { InnerException: System.Text.DecoderFallbackException } => (StatusCodes.Status400BadRequest, "The request holds text that is not valid UTF-8."),
                OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "The client closed the request."),
                _ when Endpoints.Transient.IsClusterFault(exception) => (StatusCodes.Status503ServiceUnavailable, Client
                    ? "No silo of the cluster answered in time; retry after the time in Retry-After."
                    : "The cluster is recovering from a lost silo; retry shortly."),
                _ => (0, null),
            };
            if (status == 0)
            {
                return false;
            }

            context.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = Client ? topology.Value.Client.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) : "1";
            }

            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = "The request could not be processed.", Detail = detail },
                Exception = exception,
            });
        }
    }
}
