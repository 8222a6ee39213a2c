namespace ParallelAgents.Commands.Test;

/// <summary>A test found by reading the sources (before anything runs).</summary>
/// <param name="Selector">What the native runner accepts to select it: a pytest node id, a .NET fully qualified name, a Go test name, a file.</param>
/// <param name="File">Workspace-relative file.</param>
/// <param name="Line">1-based line of the definition.</param>
/// <param name="Type">Suite type (unit, integration...).</param>
/// <param name="Weight">Estimated number of tests it stands for (a file of node tests counts its test calls).</param>
/// <param name="Tag">Build tag it needs (Go), if any.</param>
public sealed record TestCase(string Selector, string File, int Line, string Type, int Weight = 1, string? Tag = null);
