namespace ParallelAgents.Commands.Test;

/// <summary>The test ecosystems the command discovers and runs.</summary>
public enum Ecosystem
{
    DotNet,
    Python,
    Node,
    Go,
    Rust,
}
