namespace ParallelAgents.Commands.Prime;

/// <summary>How a language delimits function bodies, for the long-function heuristic.</summary>
public enum BlockKind
{
    /// <summary>No function detection.</summary>
    None,

    /// <summary>Curly braces.</summary>
    Braces,

    /// <summary>Indentation after <c>def</c> (Python).</summary>
    Indentation,

    /// <summary><c>def</c> ... <c>end</c> (Ruby).</summary>
    EndKeyword,
}
