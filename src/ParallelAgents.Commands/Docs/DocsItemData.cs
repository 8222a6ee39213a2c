namespace ParallelAgents.Commands.Docs;

/// <summary>The data one docs work item hands to aggregation (serialised into <c>ItemResult.DataJson</c>).</summary>
/// <param name="Document">Set for Markdown items.</param>
/// <param name="Coverage">Set for code-doc coverage items.</param>
/// <param name="Type">The item's document type.</param>
/// <param name="Path">The file (documents) or project folder (coverage).</param>
public sealed record DocsItemData(DocumentData? Document, CoverageData? Coverage, string Type, string Path);
