using ParallelAgents.Api.Endpoints;
using ParallelAgents.Api.Hosting;
using ParallelAgents.Api.Security;
using ParallelAgents.Api.Telemetry;
using ParallelAgents.Hosting.Topology;

try
{
    var builder = WebApplication.CreateBuilder(args);
    var role = builder.AddParallelAgentsCluster();
    builder.AddParallelAgentsApi();
    builder.AddParallelAgentsSecurity();
    builder.AddParallelAgentsTelemetry();
    builder.AddParallelAgentsOrleansDashboard(role);

    var app = builder.Build();
    if (role == OrleansRole.Silo)
    {
        // A silo alone: its probes and metrics, no public API (the front ends serve it).
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseParallelAgentsSecurity(servesApi: false);
        app.MapHealthApi();
        app.MapParallelAgentsTelemetry();
    }
    else
    {
        app.UseParallelAgentsApi();
        app.UseParallelAgentsSecurity();
        app.MapCommandsApi();
        app.MapJobsApi();
        app.MapRunsApi();
        app.MapSchedulingApi();
        app.MapScalingApi();
        app.MapWorkspacesApi();
        app.MapHealthApi();
        app.MapParallelAgentsTelemetry();
        app.MapParallelAgentsOrleansDashboard();
        app.MapDashboard();
    }

    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupProblem.Messages(e) is { Count: > 0 } messages)
{
    // A configuration or storage problem: say what to fix and exit non-zero instead of hanging or dumping a stack.
    foreach (var message in messages)
    {
        Console.Error.WriteLine($"parallel-agents: {message}");
    }

    return 2;
}

/// <summary>Entry point, visible to integration tests.</summary>
public partial class Program;
