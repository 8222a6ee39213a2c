namespace ParallelAgents.Abstractions;

/// <summary>A rule a command checks, listed in reports (SARIF <c>tool.driver.rules</c>).</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Name">PascalCase name.</param>
/// <param name="Description">One sentence on what the rule checks.</param>
/// <param name="DefaultSeverity">Severity when the rule fires.</param>
/// <param name="HelpUri">Where the rule is documented, if anywhere.</param>
[GenerateSerializer, Immutable, Alias("pa.RuleDescriptor")]
public sealed record RuleDescriptor(string Id, string Name, string Description, Severity DefaultSeverity, string? HelpUri = null);
