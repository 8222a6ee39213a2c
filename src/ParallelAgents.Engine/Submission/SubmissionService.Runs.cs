using System.Text.Json.Nodes;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Submission;

/// <summary>Cross-command runs: one workspace and priority, several jobs, each read as a job request is.</summary>
public sealed partial class SubmissionService
{
    /// <summary>
    /// Reads a run request shaped like
    /// <c>{"workspace": {...}, "changedSince": "origin/main", "jobs": [{"command": "...", "options": {...}}, ...], "priority": "normal"}</c>.
    /// Each job is read exactly as a job request with the run's workspace, base and priority, so runs and jobs accept and refuse the
    /// same things; a job's errors are named under it (<c>jobs[1].command</c>, <c>jobs[0].options.x</c>), the shared
    /// fields' errors once (<c>workspace.path</c>, <c>priority</c>).
    /// </summary>
    /// <param name="body">The request.</param>
    /// <param name="owner">Who submits; the run and its jobs are theirs.</param>
    /// <param name="admin">Whether the submitter may use anyone's upload.</param>
    /// <param name="maxJobs">Most jobs a run may hold (<c>Limits:MaxJobsPerRun</c>).</param>
    /// <param name="cancellationToken">Stops the upload lookups.</param>
    public async Task<RunSubmissionResult> ReadRunAsync(JsonNode? body, string? owner, bool admin, int maxJobs, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is not JsonObject root)
        {
            errors["body"] = ["The body must be a JSON object like {\"workspace\": {\"path\": \"...\"}, \"jobs\": [{\"command\": \"docs\"}]}."];
            return new(null, errors);
        }

        foreach (var (name, _) in root)
        {
            if (name is not ("workspace" or "changedSince" or "jobs" or "priority"))
            {
                errors[name] = [$"Unknown field '{name}'. Fields: workspace, changedSince, jobs, priority."];
            }
        }

        if (root["jobs"] is not JsonArray jobs)
        {
            errors["jobs"] = [root["jobs"] is null
                ? "The jobs are required: [{\"command\": \"...\", \"options\": {...}}, ...]."
                : "The jobs must be an array: [{\"command\": \"...\", \"options\": {...}}, ...]."];
            return new(null, errors);
        }

        if (jobs.Count == 0 || jobs.Count > maxJobs)
        {
            errors["jobs"] = [jobs.Count == 0
                ? "A run needs at least one job."
                : $"A run holds at most {maxJobs} jobs (Limits:MaxJobsPerRun); this one has {jobs.Count}."];
            return new(null, errors);
        }

        var specs = new List<JobSpec>(jobs.Count);
        for (var i = 0; i < jobs.Count; i++)
        {
            var prefix = $"jobs[{i}]";
            if (jobs[i] is not JsonObject job)
            {
                errors[prefix] = ["Each job must be an object: {\"command\": \"...\", \"options\": {...}}."];
                continue;
            }

            var request = new JsonObject();
            foreach (var (name, value) in job)
            {
                if (name is "command" or "options")
                {
                    request[name] = value?.DeepClone();
                }
                else
                {
                    errors[$"{prefix}.{name}"] = [$"Unknown field '{name}'. Fields of a job: command, options."];
                }
            }

            foreach (var shared in (string[])["workspace", "changedSince", "priority"])
            {
                if (root[shared] is { } value)
                {
                    request[shared] = value.DeepClone();
                }
            }

            var read = await ReadAsync(request, owner, admin, cancellationToken);
            foreach (var (field, messages) in read.Errors)
            {
                var own = field is "command" || field.StartsWith("options", StringComparison.Ordinal);
                errors[own ? $"{prefix}.{field}" : field] = messages;
            }

            if (read.Spec is { } spec)
            {
                specs.Add(spec);
            }
        }

        return errors.Count > 0 ? new(null, errors) : new(specs, errors);
    }
}
