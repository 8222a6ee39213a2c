using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ParallelAgents.Api.Tests;

/// <summary>A command the service does not run (the test command by default) is refused, never run as an empty green job.</summary>
[Collection(ApiCollection.Name)]
public sealed class DisabledCommandTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_job_of_a_disabled_command_is_refused_with_the_setting_that_enables_it()
    {
        var response = await _client.PostAsync("/api/jobs", JobsApiTests.Json(JsonSerializer.Serialize(new { command = "test", workspace = new { path = factory.WorkspaceRoot } })));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("command").EnumerateArray()).GetString();
        Assert.Contains("disabled", message, StringComparison.Ordinal);
        Assert.Contains("Commands:Test:Enabled=true", message, StringComparison.Ordinal);

        var jobs = await _client.GetFromJsonAsync<JsonElement>("/api/jobs?take=500");
        Assert.DoesNotContain(jobs.GetProperty("items").EnumerateArray(), j => j.GetProperty("command").GetString() == "test");
    }

    [Fact]
    public async Task The_command_list_marks_a_disabled_command_with_its_reason()
    {
        var commands = await _client.GetFromJsonAsync<JsonElement>("/api/commands");

        var test = commands.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "test");
        Assert.False(test.GetProperty("enabled").GetBoolean());
        Assert.Contains("Commands:Test:Enabled=true", test.GetProperty("disabledReason").GetString(), StringComparison.Ordinal);
        var synthetic = commands.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "synthetic");
        Assert.True(synthetic.GetProperty("enabled").GetBoolean());
        Assert.False(synthetic.TryGetProperty("disabledReason", out var reason) && reason.ValueKind != JsonValueKind.Null);
    }
}
