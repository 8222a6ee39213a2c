namespace ParallelAgents.Commands.Deps.Osv;

/// <summary>One range event: <c>introduced</c>, <c>fixed</c>, <c>last_affected</c> or <c>limit</c>.</summary>
/// <param name="Kind">Event kind as OSV names it.</param>
/// <param name="Version">The event's version ("0" for introduced-from-the-start).</param>
public sealed record OsvEvent(string Kind, string Version);
