namespace ParallelAgents.Commands.Docs;

/// <summary>A public type or member found by a coverage analyser.</summary>
/// <param name="Name">Qualified name as written (Type.Member).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Documented">True when it has a doc comment.</param>
public sealed record PublicSymbol(string Name, int Line, bool Documented);
