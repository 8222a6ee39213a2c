namespace ParallelAgents.Grains.Models;

/// <summary>A cached model answer as stored.</summary>
[GenerateSerializer, Alias("pa.ModelAnswerState")]
public sealed class ModelAnswerState
{
    /// <summary>The serialised answer; null when none is stored.</summary>
    [Id(0)]
    public byte[]? Value { get; set; }
}
