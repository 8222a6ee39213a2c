namespace ParallelAgents.Commands.Deps.Licenses;

/// <summary>Either license may be chosen.</summary>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record SpdxOr(SpdxExpression Left, SpdxExpression Right) : SpdxExpression
{
    /// <inheritdoc />
    public override IEnumerable<SpdxLicense> Leaves() => Left.Leaves().Concat(Right.Leaves());

    /// <inheritdoc />
    public override bool IsSatisfiedBy(Func<SpdxLicense, bool> acceptable) => Left.IsSatisfiedBy(acceptable) || Right.IsSatisfiedBy(acceptable);
}
