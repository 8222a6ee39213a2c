using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.Prime;

/// <summary>The rules prime reports, with stable ids.</summary>
public static class PrimeRules
{
    /// <summary>A TODO marker.</summary>
    public static readonly RuleDescriptor Todo = new("PRM001", "TodoMarker", "A TODO comment marks unfinished work.", Severity.Info);

    /// <summary>A FIXME marker.</summary>
    public static readonly RuleDescriptor Fixme = new("PRM002", "FixmeMarker", "A FIXME comment marks known broken code.", Severity.Low);

    /// <summary>A HACK marker.</summary>
    public static readonly RuleDescriptor Hack = new("PRM003", "HackMarker", "A HACK comment marks a workaround to replace.", Severity.Low);

    /// <summary>An XXX marker.</summary>
    public static readonly RuleDescriptor Xxx = new("PRM004", "XxxMarker", "An XXX comment marks code that needs attention.", Severity.Low);

    /// <summary>A file that could not be analysed (unreadable, too large, not UTF-8, broken link).</summary>
    public static readonly RuleDescriptor Unanalysable = new("PRM005", "FileNotAnalysed", "A file could not be analysed: unreadable, larger than the limit, not UTF-8 or a broken link.", Severity.Info);

    /// <summary>A dependency cycle.</summary>
    public static readonly RuleDescriptor Cycle = new("PRM010", "DependencyCycle", "Modules import each other in a cycle (a strongly connected component of the import graph).", Severity.Medium);

    /// <summary>A long function.</summary>
    public static readonly RuleDescriptor LongFunction = new("PRM020", "LongFunction", "A function is longer than the configured number of lines.", Severity.Low);

    /// <summary>A duplicated block.</summary>
    public static readonly RuleDescriptor Duplicate = new("PRM021", "DuplicatedBlock", "A block of normalised lines also appears elsewhere.", Severity.Low);

    /// <summary>Every rule.</summary>
    public static IReadOnlyList<RuleDescriptor> All { get; } = [Todo, Fixme, Hack, Xxx, Unanalysable, Cycle, LongFunction, Duplicate];

    /// <summary>The rule of a debt marker word.</summary>
    public static RuleDescriptor ForMarker(string word) => word switch
    {
        "TODO" => Todo,
        "FIXME" => Fixme,
        "HACK" => Hack,
        _ => Xxx,
    };
}
