namespace ParallelAgents.Engine.Commands;

/// <summary>An option a command accepts in the job's <c>options</c> object.</summary>
/// <param name="Name">JSON property name.</param>
/// <param name="Type">Accepted JSON type.</param>
/// <param name="Description">What it does.</param>
/// <param name="Default">Default, as shown to users.</param>
/// <param name="Minimum">Smallest accepted value for numbers.</param>
/// <param name="Maximum">Largest accepted value for numbers.</param>
/// <param name="AllowedValues">Accepted values for strings (and for each element of a string list).</param>
public sealed record CommandOption(
    string Name,
    OptionType Type,
    string Description,
    string? Default = null,
    double? Minimum = null,
    double? Maximum = null,
    IReadOnlyList<string>? AllowedValues = null);
