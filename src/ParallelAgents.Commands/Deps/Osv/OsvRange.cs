namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>An affected range: SEMVER, ECOSYSTEM or GIT with its events.</summary>
/// <param name="Type">Range type.</param>
/// <param name="Events">Events in the order the record lists them.</param>
public sealed record OsvRange(string Type, IReadOnlyList<OsvEvent> Events);
