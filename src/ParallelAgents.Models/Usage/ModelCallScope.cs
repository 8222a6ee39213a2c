using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Models.Usage;

/// <summary>
/// Counts what the model calls of one work item cost while it runs. The client pipeline's layers add to the scope that
/// flows with the item's async context, so an item's usage is known without threading counters through every call.
/// </summary>
public sealed class ModelCallScope : IDisposable
{
    private static readonly AsyncLocal<ModelCallScope?> CurrentScope = new();

    private readonly ModelCallScope? _outer;
    private readonly object _gate = new();
    private ModelUsage _usage = ModelUsage.None;

    private ModelCallScope(bool cacheEnabled)
    {
        CacheEnabled = cacheEnabled;
        _outer = CurrentScope.Value;
        CurrentScope.Value = this;
    }

    /// <summary>The scope of the running item, if any.</summary>
    public static ModelCallScope? Current => CurrentScope.Value;

    /// <summary>Whether answers may be read from and written to the response cache.</summary>
    public bool CacheEnabled { get; }

    /// <summary>What the calls cost so far.</summary>
    public ModelUsage Usage
    {
        get
        {
            lock (_gate)
            {
                return _usage;
            }
        }
    }

    /// <summary>Starts counting for the current async context.</summary>
    public static ModelCallScope Begin(bool cacheEnabled = true) => new(cacheEnabled);

    /// <summary>Adds to the current scope, if any.</summary>
    public static void Record(ModelUsage usage) => Current?.Add(usage);

    /// <summary>Adds usage.</summary>
    public void Add(ModelUsage usage)
    {
        lock (_gate)
        {
            _usage = _usage.Add(usage);
        }
    }

    /// <inheritdoc />
    public void Dispose() => CurrentScope.Value = _outer;
}
