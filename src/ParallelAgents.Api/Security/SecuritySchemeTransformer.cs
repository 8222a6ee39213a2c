using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ParallelAgents.Api.Security;

/// <summary>
/// Declares the security schemes in the OpenAPI document (an API key in <c>X-Api-Key</c>; an Entra ID bearer token when
/// configured) and the requirement on every operation that needs one, so Swagger UI offers "Authorize".
/// </summary>
public sealed class SecuritySchemeTransformer(IOptions<AuthOptions> auth) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[AuthSchemes.ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            Name = AuthSchemes.ApiKeyHeader,
            In = ParameterLocation.Header,
            Description = "An API key configured in Auth:ApiKeys (stored there as its SHA-256). Also accepted as 'Authorization: ApiKey <key>'.",
        };
        if (auth.Value.EntraEnabled)
        {
            document.Components.SecuritySchemes[AuthSchemes.Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = $"A Microsoft Entra ID access token for {auth.Value.Entra.Audience} with app roles jobs.read, jobs.submit or admin.",
            };
        }

        foreach (var operation in document.Paths?.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []) ?? [])
        {
            if (operation.Security is not { Count: > 0 })
            {
                continue;
            }

            // Operation transformers run before the schemes exist; bind the references to this document now.
            operation.Security = [.. operation.Security.Select(r => Rebind(r, document))];
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var policy = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().FirstOrDefault()?.Policy;
        if (policy is null)
        {
            return Task.CompletedTask;
        }

        operation.Security ??= [];
        operation.Security.Add(Requirement([AuthSchemes.ApiKey], null, policy));
        if (auth.Value.EntraEnabled)
        {
            operation.Security.Add(Requirement([AuthSchemes.Bearer], null, policy));
        }

        operation.Description = string.IsNullOrEmpty(operation.Description)
            ? $"Needs the scope `{policy}` (or `admin`)."
            : operation.Description + $"\n\nNeeds the scope `{policy}` (or `admin`).";
        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Rebind(OpenApiSecurityRequirement requirement, OpenApiDocument document)
    {
        var bound = new OpenApiSecurityRequirement();
        foreach (var (scheme, scopes) in requirement)
        {
            bound[new OpenApiSecuritySchemeReference(scheme.Reference.Id!, document)] = scopes;
        }

        return bound;
    }

    private static OpenApiSecurityRequirement Requirement(string[] schemes, OpenApiDocument? document, string? scope = null)
    {
        var requirement = new OpenApiSecurityRequirement();
        foreach (var scheme in schemes)
        {
            requirement[new OpenApiSecuritySchemeReference(scheme, document)] = scope is null ? [] : [scope];
        }

        return requirement;
    }
}
