using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ParallelAgents.Api.Tests.Security;

/// <summary>Small request helpers shared by the security tests.</summary>
public static class ApiCalls
{
    public static StringContent JsonBody(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<string> SubmitAsync(HttpClient client, string body)
    {
        var response = await client.PostAsync("/api/jobs", JsonBody(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> WaitForReportAsync(HttpClient client, string id)
    {
        await Sse.ReadAllAsync(client, $"/api/jobs/{id}/events", TimeSpan.FromSeconds(60));
        var response = await client.GetAsync($"/api/jobs/{id}/report");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Asserts the status and that the body is RFC 7807 problem details; returns the problem.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static ByteArrayContent Upload(byte[] archive)
    {
        var content = new ByteArrayContent(archive);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
        return content;
    }

    /// <summary>A small valid zip with one file.</summary>
    public static byte[] Zip(string name, string content)
    {
        using var memory = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(memory, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry(name).Open());
            writer.Write(content);
        }

        return memory.ToArray();
    }
}
