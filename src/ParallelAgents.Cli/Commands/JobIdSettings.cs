using System.ComponentModel;
using Spectre.Console.Cli;

namespace ParallelAgents.Cli.Commands;

/// <summary>Arguments of the commands about one job.</summary>
public class JobIdSettings : ServerSettings
{
    /// <summary>Job id.</summary>
    [CommandArgument(0, "<id>")]
    [Description("Job id, as printed by 'run' or 'jobs list'.")]
    public string Id { get; init; } = "";
}
