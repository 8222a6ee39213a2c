using System.ComponentModel;
using Spectre.Console.Cli;

namespace ParallelAgents.Cli.Commands;

/// <summary>Arguments of <c>parallel-agents jobs list</c>.</summary>
public sealed class JobsListSettings : ServerSettings
{
    /// <summary>Status filter.</summary>
    [CommandOption("--status <STATUS>")]
    [Description("Only jobs with this status: pending, planning, running, completed, completedWithErrors, failed, cancelled.")]
    public string? Status { get; init; }

    /// <summary>Page size.</summary>
    [CommandOption("--take <N>")]
    [Description("How many jobs to list, newest first (default 20, at most 500).")]
    [DefaultValue(20)]
    public int Take { get; init; } = 20;
}
