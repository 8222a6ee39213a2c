namespace ParallelAgents.Engine.Commands;

/// <summary>A problem with one field of a job request.</summary>
/// <param name="Field">JSON path of the field, e.g. <c>options.maxInstances</c>.</param>
/// <param name="Message">What is wrong and what is accepted.</param>
public sealed record OptionError(string Field, string Message);
