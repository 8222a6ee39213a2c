using System.Text.Json.Nodes;

namespace ParallelAgents.Cli.Jobs;

/// <summary>The body of a run request (<c>POST /api/runs</c>) from the body of its first job and the jobs' requests.</summary>
internal static class RunBody
{
    /// <summary>The first job's workspace, base and priority for the run, and each job's command and options.</summary>
    public static JsonObject From(JsonObject first, IReadOnlyList<JobRequest> jobs)
    {
        var body = new JsonObject
        {
            ["jobs"] = new JsonArray([.. jobs.Select(j => (JsonNode)new JsonObject { ["command"] = j.Command, ["options"] = j.Options.DeepClone() })]),
        };
        foreach (var shared in (string[])["workspace", "changedSince", "priority"])
        {
            if (first[shared] is { } value)
            {
                body[shared] = value.DeepClone();
            }
        }

        return body;
    }
}
