namespace ParallelAgents.Commands.Deps.Licenses;

/// <summary>One license id, possibly with an exception (<c>GPL-2.0-only WITH Classpath-exception-2.0</c>).</summary>
/// <param name="Id">License id as written.</param>
/// <param name="Exception">Exception id, when given.</param>
public sealed record SpdxLicense(string Id, string? Exception) : SpdxExpression
{
    /// <inheritdoc />
    public override IEnumerable<SpdxLicense> Leaves() => [this];

    /// <inheritdoc />
    public override bool IsSatisfiedBy(Func<SpdxLicense, bool> acceptable) => acceptable(this);

    /// <inheritdoc />
    public override string ToString() => Exception is null ? Id : $"{Id} WITH {Exception}";
}
