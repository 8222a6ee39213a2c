namespace ParallelAgents.Engine.Commands;

/// <summary>How a command's work items are split into segments.</summary>
public enum PartitionStrategy
{
    /// <summary>One segment per partition key; keys are packed by cost when they outnumber the instances.</summary>
    Keyed,

    /// <summary>Longest-processing-time-first packing of items by cost.</summary>
    Balanced,
}
