using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ParallelAgents.Cli.Jobs;

namespace ParallelAgents.Cli.Tests;

/// <summary>The CLI's in-process runs and the service read requests with one reader: same refusals, same messages.</summary>
public sealed class SubmissionParityTests : IClassFixture<ServiceFactory>
{
    private readonly ServiceFactory _service;

    public SubmissionParityTests(ServiceFactory service)
    {
        _service = service;
        Directory.CreateDirectory(Path.Combine(service.WorkspaceRoot, "repo"));
    }

    public static TheoryData<string, string?, string, string> BadRequests => new()
    {
        // command, workspace (relative to the allowed root; "/" = outside it), options, the field refused
        { "no-such-command", null, "{}", "command" },
        { "test", "repo", "{}", "command" },
        { "synthetic", null, """{"items":-1}""", "options.items" },
        { "synthetic", null, """{"bogus":1}""", "options.bogus" },
        { "docs", "/", "{}", "workspace.path" },
        { "docs", "missing", "{}", "workspace.path" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task The_service_and_the_in_process_cli_refuse_a_bad_request_with_the_same_messages(string command, string? workspace, string options, string field)
    {
        var path = workspace switch
        {
            null => null,
            "/" => Path.GetTempPath(),
            _ => Path.Combine(_service.WorkspaceRoot, workspace),
        };

        var body = new JsonObject { ["command"] = command, ["options"] = JsonNode.Parse(options) };
        if (path is not null)
        {
            body["workspace"] = new JsonObject { ["path"] = path };
        }

        using var response = await _service.CreateClient().PostAsync("/api/jobs", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var served = problem.GetProperty("errors").EnumerateObject()
            .SelectMany(e => e.Value.EnumerateArray().Select(m => $"{e.Name}: {m.GetString()}"))
            .ToArray();
        Assert.Contains(served, line => line.StartsWith(field + ": ", StringComparison.Ordinal));

        await using var backend = await InProcessJobBackend.StartAsync(_service.WorkspaceRoot, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<CliException>(() =>
            backend.SubmitAsync(new JobRequest(command, path, Upload: false, (JsonObject)JsonNode.Parse(options)!), CancellationToken.None));

        Assert.Equal(problem.GetProperty("detail").GetString(), refused.Message);
        Assert.Equal(served, refused.Details);
    }
}
