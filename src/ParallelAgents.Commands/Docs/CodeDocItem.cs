namespace ParallelAgents.Commands.Docs;

/// <summary>Payload of a code-doc coverage work item: one project in one language.</summary>
/// <param name="Language">csharp, python, javascript or go.</param>
/// <param name="Project">Project folder, "." for the root.</param>
/// <param name="Files">Workspace-relative source files.</param>
public sealed record CodeDocItem(string Language, string Project, IReadOnlyList<string> Files);
