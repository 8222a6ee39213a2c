using ParallelAgents.Api.Endpoints;
using ParallelAgents.Api.Hosting;
using ParallelAgents.Api.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddParallelAgentsSilo();
builder.AddParallelAgentsApi();
builder.AddParallelAgentsSecurity();

var app = builder.Build();
app.UseParallelAgentsApi();
app.UseParallelAgentsSecurity();
app.MapCommandsApi();
app.MapJobsApi();
app.MapWorkspacesApi();
app.MapHealthApi();
app.MapDashboard();
app.Run();

/// <summary>Entry point, visible to integration tests.</summary>
public partial class Program;
