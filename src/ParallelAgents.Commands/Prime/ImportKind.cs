namespace ParallelAgents.Commands.Prime;

/// <summary>Which import syntax a language uses for the dependency graph.</summary>
public enum ImportKind
{
    /// <summary>Not part of the dependency graph.</summary>
    None,

    /// <summary>C# <c>using</c> directives and <c>namespace</c> declarations.</summary>
    CSharp,

    /// <summary>MSBuild project files: <c>ProjectReference</c>.</summary>
    MsBuild,

    /// <summary>Python <c>import</c> / <c>from ... import</c>.</summary>
    Python,

    /// <summary>JavaScript/TypeScript <c>import</c>, <c>export ... from</c>, <c>require()</c>.</summary>
    EcmaScript,

    /// <summary>Go <c>import</c> blocks.</summary>
    Go,

    /// <summary>Java <c>import</c> and <c>package</c>.</summary>
    Java,
}
