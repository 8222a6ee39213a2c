using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Engine.Commands;

/// <summary>The result of assessing a workspace: the work items and anything learned on the way.</summary>
/// <param name="Items">Work items, each with a partition key and a cost.</param>
/// <param name="Strategy">Overrides the command's partition strategy for this job (e.g. a mode chosen from the tree's size).</param>
/// <param name="Findings">Findings discovered while assessing (unreadable files...).</param>
/// <param name="Notes">Statements for the report.</param>
/// <param name="Budget">The job's spending limit on model calls; the coordinator stops new items once it is reached.</param>
/// <param name="LatencyBound">
/// The items mostly wait (on a model, a network) rather than compute: their segments take a fraction of a CPU slot, so
/// a silo runs many more of them than it has cores.
/// </param>
public sealed record Assessment(
    IReadOnlyList<WorkItem> Items,
    PartitionStrategy? Strategy = null,
    IReadOnlyList<Finding>? Findings = null,
    IReadOnlyList<string>? Notes = null,
    ModelBudget? Budget = null,
    bool LatencyBound = false);
