using System.Text;

namespace ParallelAgents.Commands.Prime;

/// <summary>
/// The workspace's import graph: nodes are files (Python, JS/TS, Java), Go packages (directories), C# namespaces and
/// MSBuild projects; edges are imports resolved inside the tree. Imports that resolve outside it are external.
/// </summary>
public sealed class DependencyGraph
{
    private readonly Dictionary<string, HashSet<string>> _edges = new(StringComparer.Ordinal);
    private readonly Dictionary<(string From, string To), (string File, int Line)> _evidence = [];
    private readonly HashSet<string> _nodes = new(StringComparer.Ordinal);

    // Most nodes import nothing inside the tree: one shared enumerator, which never yields, serves them all.
    private static readonly IEnumerator<string> NoTargets = Enumerable.Empty<string>().GetEnumerator();

    // Sorted views and in-degrees, computed when first asked for after a change.
    private string[]? _sortedNodes;
    private (string From, string To)[]? _sortedEdges;
    private Dictionary<string, int>? _fanIn;

    /// <summary>Internal modules, sorted.</summary>
    public IReadOnlyCollection<string> Nodes => _sortedNodes ??= [.. _nodes.Order(StringComparer.Ordinal)];

    /// <summary>Edges, sorted.</summary>
    public IEnumerable<(string From, string To)> Edges => SortedEdges;

    /// <summary>How many edges there are.</summary>
    public int EdgeCount => SortedEdges.Length;

    private (string From, string To)[] SortedEdges => _sortedEdges ??=
        [.. _edges.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => e.Value.Order(StringComparer.Ordinal).Select(t => (e.Key, t)))];

    /// <summary>External modules and how many imports name them.</summary>
    public Dictionary<string, int> External { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a node.</summary>
    public void AddNode(string node)
    {
        if (_nodes.Add(node))
        {
            Changed();
        }
    }

    /// <summary>Adds an edge with the import that caused it.</summary>
    public void AddEdge(string from, string to, string file, int line)
    {
        if (from == to)
        {
            return;
        }

        AddNode(from);
        AddNode(to);
        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new HashSet<string>(StringComparer.Ordinal);
        }

        if (targets.Add(to))
        {
            _evidence[(from, to)] = (file, line);
            Changed();
        }
    }

    /// <summary>Where an edge comes from.</summary>
    public (string File, int Line) Evidence(string from, string to) => _evidence[(from, to)];

    /// <summary>Out-degree per node.</summary>
    public int FanOut(string node) => _edges.TryGetValue(node, out var t) ? t.Count : 0;

    /// <summary>In-degree per node.</summary>
    public IReadOnlyDictionary<string, int> FanIn()
    {
        if (_fanIn is null)
        {
            var result = _nodes.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
            foreach (var targets in _edges.Values)
            {
                foreach (var to in targets)
                {
                    result[to]++;
                }
            }

            _fanIn = result;
        }

        return _fanIn;
    }

    /// <summary>Strongly connected components (Tarjan, iterative), in reverse topological order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> StronglyConnectedComponents()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<IReadOnlyList<string>>();
        var next = 0;
        foreach (var root in Nodes)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(string Node, IEnumerator<string> Targets)>();
            Visit(root);
            while (work.Count > 0)
            {
                var (node, targets) = work.Peek();
                if (targets.MoveNext())
                {
                    var t = targets.Current;
                    if (!index.ContainsKey(t))
                    {
                        Visit(t);
                    }
                    else if (onStack.Contains(t))
                    {
                        low[node] = Math.Min(low[node], index[t]);
                    }

                    continue;
                }

                work.Pop();
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    component.Sort(StringComparer.Ordinal);
                    result.Add(component);
                }
            }

            void Visit(string n)
            {
                index[n] = low[n] = next++;
                stack.Push(n);
                onStack.Add(n);
                work.Push((n, _edges.TryGetValue(n, out var t) ? t.Order(StringComparer.Ordinal).GetEnumerator() : NoTargets));
            }
        }

        return result;
    }

    /// <summary>The longest chain of imports (in edges) through the graph of components.</summary>
    public int Depth(IReadOnlyList<IReadOnlyList<string>> components)
    {
        var componentOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < components.Count; i++)
        {
            foreach (var n in components[i])
            {
                componentOf[n] = i;
            }
        }

        // Tarjan emits components in reverse topological order: every edge goes to an earlier component.
        var depth = new int[components.Count];
        for (var i = 0; i < components.Count; i++)
        {
            foreach (var n in components[i])
            {
                if (!_edges.TryGetValue(n, out var targets))
                {
                    continue;
                }

                foreach (var t in targets)
                {
                    var c = componentOf[t];
                    if (c != i)
                    {
                        depth[i] = Math.Max(depth[i], depth[c] + 1);
                    }
                }
            }
        }

        return depth.Length == 0 ? 0 : depth.Max();
    }

    /// <summary>A Mermaid flowchart of the most connected nodes (all of them when small).</summary>
    public string ToMermaid(int maxNodes)
    {
        var fanIn = FanIn();
        var keep = Nodes.OrderByDescending(n => fanIn[n] + FanOut(n)).ThenBy(n => n, StringComparer.Ordinal).Take(maxNodes).ToHashSet(StringComparer.Ordinal);
        var ids = keep.Order(StringComparer.Ordinal).Select((n, i) => (n, i)).ToDictionary(x => x.n, x => $"n{x.i}", StringComparer.Ordinal);
        var sb = new StringBuilder("flowchart LR\n");
        foreach (var (node, id) in ids)
        {
            sb.Append("  ").Append(id).Append("[\"").Append(node.Replace("\"", "'", StringComparison.Ordinal)).Append("\"]\n");
        }

        foreach (var (from, to) in Edges)
        {
            if (ids.TryGetValue(from, out var a) && ids.TryGetValue(to, out var b))
            {
                sb.Append("  ").Append(a).Append(" --> ").Append(b).Append('\n');
            }
        }

        return sb.ToString();
    }

    private void Changed()
    {
        _sortedNodes = null;
        _sortedEdges = null;
        _fanIn = null;
    }
}
