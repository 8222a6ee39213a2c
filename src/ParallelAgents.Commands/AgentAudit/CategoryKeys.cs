using System.Text;

namespace ParallelAgents.Commands.AgentAudit;

/// <summary>Partition keys: one per agent category, one for skills, one for files without a category.</summary>
internal static class CategoryKeys
{
    /// <summary>Key of agents without a category (and unreadable files).</summary>
    public const string Uncategorized = "uncategorized";

    /// <summary>Key of every skill.</summary>
    public const string Skills = "skills";

    /// <summary>The canonical category for a declared value: lowercased, <c>coordination</c> → <c>operations</c>, null when blank.</summary>
    public static string? Normalise(string? category)
    {
        var value = category?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(value) ? null : value == "coordination" ? "operations" : value;
    }

    /// <summary>A safe partition key for a declared category (unknown categories keep a key of their own).</summary>
    public static string KeyFor(string? category)
    {
        var value = Normalise(category);
        if (value is null)
        {
            return Uncategorized;
        }

        var key = new StringBuilder();
        foreach (var c in value)
        {
            key.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }

        var text = key.ToString().Trim('-');
        return text.Length == 0 ? Uncategorized : text[..Math.Min(40, text.Length)];
    }
}
