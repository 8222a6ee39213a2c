using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>One file under audit: its parsed document, the job's options, and what the checks found.</summary>
internal sealed class FileAudit(string path, DefinitionKind kind, AgentDocument document, AgentAuditOptions options, Workspace? workspace)
{
    /// <summary>Workspace-relative path.</summary>
    public string Path { get; } = path;

    /// <summary>Agent or skill.</summary>
    public DefinitionKind Kind { get; } = kind;

    /// <summary>The parsed file.</summary>
    public AgentDocument Document { get; } = document;

    /// <summary>The job's options.</summary>
    public AgentAuditOptions Options { get; } = options;

    /// <summary>The workspace, for checks that look at other files.</summary>
    public Workspace? Workspace { get; } = workspace;

    /// <summary>Findings so far.</summary>
    public List<Finding> Findings { get; } = [];

    /// <summary>Applicable fixes.</summary>
    public FixPlan Fixes { get; } = new();

    /// <summary>The file name without <c>.md</c>.</summary>
    public string FileStem => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The name of the folder holding the file.</summary>
    public string DirectoryName => System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(Path) ?? "") ?? "";

    /// <summary>Records a finding.</summary>
    public void Add(Abstractions.RuleDescriptor rule, string message, int line) => Findings.Add(FileFinding.Of(rule, message, Path, line));
}
