namespace ParallelAgents.Commands.Deps.Licenses;

/// <summary>What the policy says about a declared license.</summary>
public enum LicenseVerdict
{
    /// <summary>Some choice satisfies the policy.</summary>
    Allowed,

    /// <summary>Every choice needs a license on the deny list.</summary>
    Denied,

    /// <summary>Every choice needs a license missing from the allow list.</summary>
    NotAllowed,
}
