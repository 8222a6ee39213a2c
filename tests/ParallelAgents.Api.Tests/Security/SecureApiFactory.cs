using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ParallelAgents.Engine.Security;

namespace ParallelAgents.Api.Tests.Security;

/// <summary>
/// The real service with API keys and Entra ID configured. Entra tokens are signed by a key made here: the bearer
/// options are pointed at it after the app configured them, so nothing reaches the network.
/// </summary>
public class SecureApiFactory() : InMemoryServiceFactory<Program>("security")
{
    public const string Issuer = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0";
    public const string Audience = "api://parallel-agents-tests";

    /// <summary>Identities by key: name → (key, scopes).</summary>
    public static readonly IReadOnlyDictionary<string, (string Key, string[] Scopes)> Identities = new Dictionary<string, (string, string[])>
    {
        ["alice"] = ("alice-key-7f3b2c", [Scopes.JobsSubmit, Scopes.JobsRead]),
        ["bob"] = ("bob-key-91d0aa", [Scopes.JobsSubmit, Scopes.JobsRead]),
        ["reader"] = ("reader-key-55e1c4", [Scopes.JobsRead]),
        ["writer"] = ("writer-key-0c9e11", [Scopes.JobsSubmit]),
        ["ops"] = ("ops-key-d41d8c", [Scopes.Admin]),
        ["busy"] = ("busy-key-3a7f00", [Scopes.JobsSubmit, Scopes.JobsRead]),
        ["burst"] = ("burst-key-8b8b8b", [Scopes.JobsSubmit, Scopes.JobsRead]),
        ["fuzzer"] = ("fuzzer-key-1f1f1f", [Scopes.JobsSubmit, Scopes.JobsRead]),
    };

    private static readonly SymmetricSecurityKey SigningKey = new(Encoding.UTF8.GetBytes("a test signing key of at least 256 bits, never used anywhere else"));

    /// <summary>Settings on top of the keys; subclasses add limits.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings => [];

    /// <summary>A client that sends the named identity's key in X-Api-Key.</summary>
    public HttpClient ClientFor(string identity)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Identities[identity].Key);
        return client;
    }

    /// <summary>A client that sends an Entra-like bearer token.</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Issues an access token like Entra ID's: oid, preferred_username and app roles.</summary>
    public static string Token(string oid, string[] roles, string audience = Audience, DateTime? expires = null, SecurityKey? key = null)
    {
        var claims = new Dictionary<string, object> { ["oid"] = oid, ["preferred_username"] = oid + "@contoso.test", ["roles"] = roles };
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (expires ?? now.AddHours(1)).AddHours(-2),
            NotBefore = (expires ?? now.AddHours(1)).AddHours(-2),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var i = 0;
        foreach (var (name, (key, scopes)) in Identities)
        {
            builder.UseSetting($"Auth:ApiKeys:{i}:Name", name);
            builder.UseSetting($"Auth:ApiKeys:{i}:Sha256", ApiKeyHasher.HashHex(key));
            for (var s = 0; s < scopes.Length; s++)
            {
                builder.UseSetting($"Auth:ApiKeys:{i}:Scopes:{s}", scopes[s]);
            }

            i++;
        }

        builder.UseSetting("Auth:Entra:Authority", Issuer);
        builder.UseSetting("Auth:Entra:Audience", Audience);
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>("Bearer", o =>
        {
            o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration { Issuer = Issuer });
            o.TokenValidationParameters.IssuerSigningKey = SigningKey;
            o.TokenValidationParameters.ValidIssuer = Issuer;
        }));
    }
}
