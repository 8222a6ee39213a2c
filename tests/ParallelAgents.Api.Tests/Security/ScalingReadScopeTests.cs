using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ParallelAgents.Api.Tests.Security;

/// <summary>With authentication on and no scaling key, the scaling signal takes the API's credentials with the read scope.</summary>
public sealed class ScalingReadScopeTests(SecureApiFactory factory) : IClassFixture<SecureApiFactory>
{
    [Fact]
    public async Task Without_a_scaling_key_the_signal_needs_credentials_with_the_read_scope()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/scaling")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ClientFor("writer").GetAsync("/api/scaling")).StatusCode);

        var response = await factory.ClientFor("reader").GetAsync("/api/scaling");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queuedItems").GetInt32() >= 0);
    }
}
