using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ParallelAgents.Engine.Security;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Api.Security;

/// <summary>Authentication (API keys, Entra ID), scope policies, request limits and the refusal to run open on a network address.</summary>
public static partial class SecurityHosting
{
    /// <summary>Rate-limiting policy for job submissions and uploads.</summary>
    public const string SubmissionsPolicy = "submissions";

    /// <summary>Registers authentication, authorization, limits and the OpenAPI security schemes.</summary>
    public static WebApplicationBuilder AddParallelAgentsSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        services.AddOptions<ScalingOptions>().BindConfiguration(ScalingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScalingOptions>, ScalingOptionsValidator>();
        services.AddSingleton(sp => new ApiKeyDirectory(
            [.. sp.GetRequiredService<IOptions<AuthOptions>>().Value.ApiKeys.Select(k =>
                new ApiKeyEntry(k.Name, ApiKeyHasher.TryParseHash(k.Sha256, out var hash) ? hash : [], [.. k.Scopes]))]));
        services.AddSingleton<JobQuota>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddJwtBearer(AuthSchemes.Bearer, _ => { });
        services.AddOptions<JwtBearerOptions>(AuthSchemes.Bearer).Configure<IOptions<AuthOptions>>((o, auth) =>
        {
            o.Authority = auth.Value.Entra.Authority;
            o.Audience = auth.Value.Entra.Audience;
            o.MapInboundClaims = false;
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    var principal = EntraClaimsMapper.Map(context.Principal!, AuthSchemes.Bearer);
                    if (principal is null)
                    {
                        context.Fail("The token names no user or application (no oid, preferred_username or sub).");
                    }
                    else
                    {
                        context.Principal = principal;
                    }

                    return Task.CompletedTask;
                },
            };
        });

        services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemDetailsAuthorizationResultHandler>();
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AuthOptions>>((o, auth) =>
        {
            string[] schemes = auth.Value.EntraEnabled ? [AuthSchemes.ApiKey, AuthSchemes.Bearer] : [AuthSchemes.ApiKey];
            o.AddPolicy(AuthSchemes.ReadPolicy, p => p.AddAuthenticationSchemes(schemes).AddRequirements(new ScopeRequirement(Scopes.JobsRead)));
            o.AddPolicy(AuthSchemes.SubmitPolicy, p => p.AddAuthenticationSchemes(schemes).AddRequirements(new ScopeRequirement(Scopes.JobsSubmit)));
            o.AddPolicy(AuthSchemes.AdminPolicy, p => p.AddAuthenticationSchemes(schemes).AddRequirements(new ScopeRequirement(Scopes.Admin)));
        });

        services.AddOptions<FormOptions>().Configure<IOptions<WorkspaceOptions>>((o, w) =>
            o.MultipartBodyLengthLimit = w.Value.MaxArchiveBytes + UploadBodyLimit.MultipartOverhead);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var limits = http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many submissions.",
                        Detail = $"At most {limits.SubmissionsPerMinute} job submissions and uploads per minute per caller (Limits:SubmissionsPerMinute). Retry after {http.Response.Headers.RetryAfter} s.",
                    },
                });
            };
            o.AddPolicy(SubmissionsPolicy, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.SubmissionsPerMinute;
                return perMinute <= 0
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetFixedWindowLimiter(Caller.PartitionKey(http), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
        });

        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<SecuritySchemeTransformer>();
            o.AddOperationTransformer<SecuritySchemeTransformer>();
        });
        return builder;
    }

    /// <summary>
    /// Adds authentication, authorization, body limits and rate limiting to the pipeline. Without any credentials
    /// configured it lets the service run open only on loopback addresses (or with <c>Auth:AllowAnonymous=true</c>);
    /// otherwise it ends the process with exit code 1 before anything listens. A silo alone
    /// (<paramref name="servesApi"/> false) serves no job or upload, only probes and admin-scoped metrics, so it runs
    /// on its network address without that refusal.
    /// </summary>
    public static WebApplication UseParallelAgentsSecurity(this WebApplication app, bool servesApi = true)
    {
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ParallelAgents.Security");
        if (auth.Enforced)
        {
            Log.AuthenticationOn(logger, auth.ApiKeys.Count, auth.EntraEnabled ? auth.Entra.Authority! : "off");
        }
        else if (servesApi)
        {
            GuardOpenMode(app, auth, logger);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseRateLimiter();
        return app;
    }

    private static void GuardOpenMode(WebApplication app, AuthOptions auth, ILogger logger)
    {
        // The in-memory test server has no network address at all, so it counts as loopback.
        var server = app.Services.GetRequiredService<IServer>();
        var inMemory = server.GetType().FullName == "Microsoft.AspNetCore.TestHost.TestServer";
        var configured = inMemory ? [] : ListenAddresses.FromConfiguration(app.Configuration);
        if (!auth.AllowAnonymous && !ListenAddresses.AllLoopback(configured))
        {
            Refuse(logger, string.Join(", ", configured));
            Environment.Exit(1);
        }

        if (!auth.AllowAnonymous)
        {
            // Belt and braces for addresses configured in code: a request that arrives on a network interface is refused.
            app.Use(async (context, next) =>
            {
                if (context.Connection.LocalIpAddress is { } local && !IPAddress.IsLoopback(local))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails = { Status = 403, Title = "Not allowed.", Detail = RefusalMessage },
                    });
                    return;
                }

                await next(context);
            });
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var actual = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
            if (!inMemory && !auth.AllowAnonymous && !ListenAddresses.AllLoopback(actual))
            {
                Refuse(logger, string.Join(", ", actual));
                Environment.ExitCode = 1;
                app.Lifetime.StopApplication();
                return;
            }

            Log.RunningOpen(logger, inMemory ? "the in-memory test server" : string.Join(", ", actual), auth.AllowAnonymous);
        });
    }

    private const string RefusalMessage =
        "No authentication is configured, so the service only runs on loopback addresses. Configure API keys " +
        "(Auth__ApiKeys__0__Name, Auth__ApiKeys__0__Sha256, Auth__ApiKeys__0__Scopes__0) or Entra ID " +
        "(Auth__Entra__Authority, Auth__Entra__Audience), or set Auth__AllowAnonymous=true to run open on purpose.";

    private static void Refuse(ILogger logger, string addresses)
    {
        var message = $"Refusing to start: listening on {addresses} without authentication. {RefusalMessage}";
        Console.Error.WriteLine(message);
        Log.Refused(logger, addresses);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Authentication is required: {ApiKeys} API key(s), Entra ID {Entra}.")]
        public static partial void AuthenticationOn(ILogger logger, int apiKeys, string entra);

        [LoggerMessage(Level = LogLevel.Warning, Message = "No authentication is configured: anyone who can reach {Addresses} can submit and read every job (Auth:AllowAnonymous={AllowAnonymous}). Configure Auth:ApiKeys or Auth:Entra before exposing the service.")]
        public static partial void RunningOpen(ILogger logger, string addresses, bool allowAnonymous);

        [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to run without authentication on {Addresses}; set Auth__ApiKeys__N__* or Auth__Entra__*, or Auth__AllowAnonymous=true.")]
        public static partial void Refused(ILogger logger, string addresses);
    }
}
