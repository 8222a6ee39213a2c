using ParallelAgents.Abstractions;

namespace ParallelAgents.Engine.Runs;

/// <summary>A cross-command run: its overall status and progress and one entry per job.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Status">Running until every job has ended; then failed, cancelled or completed.</param>
/// <param name="Priority">The priority every job carries.</param>
/// <param name="SubmittedAt">When the run was accepted.</param>
/// <param name="CompletedAt">When its last job ended; null while running.</param>
/// <param name="Percent">Items done over items planned across the jobs, 0–100.</param>
/// <param name="Jobs">The jobs in request order.</param>
/// <param name="Owner">Identity that submitted the run.</param>
public sealed record RunSnapshot(
    string Id, RunStatus Status, JobPriority Priority, DateTimeOffset SubmittedAt, DateTimeOffset? CompletedAt, double Percent, IReadOnlyList<RunJobSnapshot> Jobs, string? Owner);
