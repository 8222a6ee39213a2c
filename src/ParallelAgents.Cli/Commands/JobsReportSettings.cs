using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ParallelAgents.Cli.Commands;

/// <summary>Arguments of <c>parallel-agents jobs report</c>.</summary>
public sealed class JobsReportSettings : JobIdSettings
{
    /// <summary>Report format.</summary>
    [CommandOption("--format <FORMAT>")]
    [Description("markdown (default), json or sarif.")]
    [DefaultValue("markdown")]
    public string Format { get; init; } = "markdown";

    /// <summary>Report file; the console when absent.</summary>
    [CommandOption("--out <FILE>")]
    [Description("Write the report to this file instead of the console.")]
    public string? Out { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Engine.Reports.ReportRenderer.ParseFormat(Format) is null
            ? ValidationResult.Error($"--format '{Format}' is not a report format; use markdown, json or sarif.")
            : ValidationResult.Success();
}
