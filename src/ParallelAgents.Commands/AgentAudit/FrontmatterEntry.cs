using YamlDotNet.RepresentationModel;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>One top-level frontmatter key with its value and where its text lies in the file.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The parsed value.</param>
/// <param name="Line">1-based file line of the key.</param>
/// <param name="FirstLineIndex">0-based index of the key's first file line.</param>
/// <param name="EndLineIndex">0-based index just past the key's last file line (its value and any comment after it).</param>
internal sealed record FrontmatterEntry(string Key, YamlNode Value, int Line, int FirstLineIndex, int EndLineIndex)
{
    /// <summary>The value when it is a scalar, else null.</summary>
    public string? Scalar => Value is YamlScalarNode s ? s.Value : null;

    /// <summary>True when the value is a scalar without text (<c>key:</c> or <c>key: ""</c>).</summary>
    public bool IsBlank => Value is YamlScalarNode s && string.IsNullOrWhiteSpace(s.Value);
}
