using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ParallelAgents.Cli.Commands;

/// <summary>Arguments of <c>parallel-agents run</c>.</summary>
public sealed class RunSettings : ServerSettings
{
    /// <summary>Command name.</summary>
    [CommandArgument(0, "<command>")]
    [Description("Command to run: agent-audit, deps-audit, docs, prime, test, synthetic...; several separated by commas (agent-audit,docs,prime) run together on the workspace as one run with one report.")]
    public string Command { get; init; } = "";

    /// <summary>Workspace directory.</summary>
    [CommandArgument(1, "[path]")]
    [Description("Workspace directory (default: the current directory, for commands that need one).")]
    public string? Path { get; init; }

    /// <summary>Pool override.</summary>
    [CommandOption("--max-instances <N>")]
    [Description("Most agent instances to run at once.")]
    public int? MaxInstances { get; init; }

    /// <summary>Pool override.</summary>
    [CommandOption("--items-per-instance <N>")]
    [Description("Work items one instance should handle.")]
    public int? ItemsPerInstance { get; init; }

    /// <summary>Command options.</summary>
    [CommandOption("-o|--option <KEY=VALUE>")]
    [Description("A command option; repeat for more. VALUE is read as JSON when it parses (24, true, [[\"a\",\"b\"]]), else as text.")]
    public string[] Options { get; init; } = [];

    /// <summary>Report format written to --out.</summary>
    [CommandOption("--format <FORMAT>")]
    [Description("Report format: markdown (default), json or sarif.")]
    [DefaultValue("markdown")]
    public string Format { get; init; } = "markdown";

    /// <summary>Report file.</summary>
    [CommandOption("--out <FILE>")]
    [Description("Report file (default: parallel-agents-report.md/.json/.sarif in the current directory).")]
    public string? Out { get; init; }

    /// <summary>Failing severity.</summary>
    [CommandOption("--fail-on <SEVERITY>")]
    [Description("Exit 1 when a finding at or above this severity exists: info, low, medium, high or critical.")]
    public string? FailOn { get; init; }

    /// <summary>Upload the directory.</summary>
    [CommandOption("--upload")]
    [Description("With --server: zip the local directory and upload it, for a server that cannot see this machine's files.")]
    public bool Upload { get; init; }

    /// <summary>Git repository to run on.</summary>
    [CommandOption("--git <URL>")]
    [Description("Run on a git repository instead of a directory: its https:// URL (or file:// where allowed). The service fetches it.")]
    public string? Git { get; init; }

    /// <summary>Git ref.</summary>
    [CommandOption("--ref <REF>")]
    [Description("With --git: the branch, tag, full ref (refs/pull/7/head) or commit sha (default: the repository's HEAD).")]
    public string? Ref { get; init; }

    /// <summary>Base of a diff-aware run.</summary>
    [CommandOption("--changed-since <REF>")]
    [Description("Only the files changed between this ref or sha (origin/main, a tag, a commit) and the workspace's commit become items; the workspace must be a git repository (--git, or a directory with .git).")]
    public string? ChangedSince { get; init; }

    /// <summary>The job's priority.</summary>
    [CommandOption("--priority <PRIORITY>")]
    [Description("critical, high, normal (default) or low: when the cluster is saturated, higher priorities start first.")]
    public string? Priority { get; init; }

    /// <summary>The commands named: one for a job, several (comma-separated) for a cross-command run.</summary>
    public IReadOnlyList<string> CommandNames => Command.Split(',', StringSplitOptions.TrimEntries);

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (Git is not null && (Path is not null || Upload))
        {
            return ValidationResult.Error("--git names the workspace: give no directory and no --upload with it.");
        }

        if (Ref is not null && Git is null)
        {
            return ValidationResult.Error("--ref picks a ref of the --git repository: give --git URL too.");
        }

        if (string.IsNullOrWhiteSpace(Command))
        {
            return ValidationResult.Error("Name a command, e.g. parallel-agents run synthetic --option items=24.");
        }

        if (CommandNames.Any(string.IsNullOrWhiteSpace))
        {
            return ValidationResult.Error($"'{Command}' names an empty command; separate commands by single commas, e.g. agent-audit,docs,prime.");
        }

        if (Engine.Reports.ReportRenderer.ParseFormat(Format) is null)
        {
            return ValidationResult.Error($"--format '{Format}' is not a report format; use markdown, json or sarif.");
        }

        if (FailOn is not null && ParallelAgents.Cli.Options.FailOnPolicy.ParseSeverity(FailOn) is null)
        {
            return ValidationResult.Error($"--fail-on '{FailOn}' is not a severity; use info, low, medium, high or critical.");
        }

        if (MaxInstances is < 1)
        {
            return ValidationResult.Error("--max-instances must be at least 1.");
        }

        if (ItemsPerInstance is < 1)
        {
            return ValidationResult.Error("--items-per-instance must be at least 1.");
        }

        return ValidationResult.Success();
    }
}
