namespace ParallelAgents.Commands.Deps;

/// <summary>A license a manifest declares for its own project.</summary>
/// <param name="Subject">The project or package the license belongs to.</param>
/// <param name="Expression">SPDX expression or license name as written.</param>
/// <param name="File">Workspace-relative path.</param>
/// <param name="Line">1-based line.</param>
public sealed record DeclaredLicense(string Subject, string Expression, string File, int Line);
