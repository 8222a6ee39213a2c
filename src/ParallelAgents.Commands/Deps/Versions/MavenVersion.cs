using System.Globalization;
using System.Numerics;

namespace ParallelAgents.Commands.Deps.Versions;

/// <summary>
/// Maven's ComparableVersion ordering: '.' and '-' separators (a '-' opens a sub-list), a switch between digits and
/// letters acts as a separator, trailing zeros and release qualifiers are dropped, and qualifiers order
/// alpha &lt; beta &lt; milestone &lt; rc &lt; snapshot &lt; release &lt; sp &lt; unknown (lexical).
/// </summary>
public sealed class MavenVersion : IComparable<MavenVersion>
{
    private static readonly string[] Qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
    private static readonly string ReleaseRank = Array.IndexOf(Qualifiers, string.Empty).ToString(CultureInfo.InvariantCulture);

    private readonly ListItem _items;

    /// <summary>Parses any string; Maven orders every string.</summary>
    public MavenVersion(string version)
    {
        _items = Parse(version.Trim().ToLowerInvariant());
        Canonical = _items.ToString();
    }

    /// <summary>The canonical form; equal versions have equal canonical forms.</summary>
    public string Canonical { get; }

    /// <inheritdoc />
    public int CompareTo(MavenVersion? other) => other is null ? 1 : Math.Sign(_items.CompareTo(other._items));

    /// <inheritdoc />
    public override string ToString() => Canonical;

    private static ListItem Parse(string version)
    {
        var root = new ListItem();
        var list = root;
        var stack = new Stack<ListItem>();
        stack.Push(list);
        var isDigit = false;
        var start = 0;
        for (var i = 0; i < version.Length; i++)
        {
            var c = version[i];
            if (c is '.' or '-')
            {
                list.Add(i == start ? new IntItem(BigInteger.Zero) : ParseItem(isDigit, version[start..i]));
                start = i + 1;
                if (c == '-')
                {
                    list = OpenSubList(list, stack);
                }
            }
            else if (char.IsAsciiDigit(c))
            {
                if (!isDigit && i > start)
                {
                    list.Add(new StringItem(version[start..i], followedByDigit: true));
                    start = i;
                    list = OpenSubList(list, stack);
                }

                isDigit = true;
            }
            else
            {
                if (isDigit && i > start)
                {
                    list.Add(ParseItem(true, version[start..i]));
                    start = i;
                    list = OpenSubList(list, stack);
                }

                isDigit = false;
            }
        }

        if (version.Length > start)
        {
            list.Add(ParseItem(isDigit, version[start..]));
        }

        while (stack.Count > 0)
        {
            stack.Pop().Normalize();
        }

        return root;
    }

    private static ListItem OpenSubList(ListItem parent, Stack<ListItem> stack)
    {
        var child = new ListItem();
        parent.Add(child);
        stack.Push(child);
        return child;
    }

    private static Item ParseItem(bool isDigit, string text) =>
        isDigit ? new IntItem(BigInteger.Parse(text, CultureInfo.InvariantCulture)) : new StringItem(text, followedByDigit: false);

    private abstract class Item
    {
        public abstract bool IsNull { get; }

        // other == null means "nothing at this position" (the other version is shorter).
        public abstract int CompareTo(Item? other);
    }

    private sealed class IntItem(BigInteger value) : Item
    {
        public BigInteger Value { get; } = value;

        public override bool IsNull => Value.IsZero;

        public override int CompareTo(Item? other) => other switch
        {
            null => Value.IsZero ? 0 : 1,
            IntItem i => Value.CompareTo(i.Value),
            _ => 1,
        };

        public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class StringItem : Item
    {
        public StringItem(string value, bool followedByDigit)
        {
            if (followedByDigit && value.Length == 1)
            {
                value = value[0] switch
                {
                    'a' => "alpha",
                    'b' => "beta",
                    'm' => "milestone",
                    _ => value,
                };
            }

            Value = value switch
            {
                "ga" or "final" => string.Empty,
                "cr" => "rc",
                _ => value,
            };
        }

        public string Value { get; }

        public override bool IsNull => string.CompareOrdinal(Rank(Value), ReleaseRank) == 0;

        public override int CompareTo(Item? other) => other switch
        {
            null => string.CompareOrdinal(Rank(Value), ReleaseRank),
            StringItem s => string.CompareOrdinal(Rank(Value), Rank(s.Value)),
            _ => -1,
        };

        public override string ToString() => Value;

        // Known qualifiers rank by position; unknown ones after all of them, lexically.
        private static string Rank(string qualifier)
        {
            var index = Array.IndexOf(Qualifiers, qualifier);
            return index >= 0 ? index.ToString(CultureInfo.InvariantCulture) : $"{Qualifiers.Length}-{qualifier}";
        }
    }

    private sealed class ListItem : Item
    {
        private readonly List<Item> _items = [];

        public override bool IsNull => _items.Count == 0;

        public void Add(Item item) => _items.Add(item);

        public void Normalize()
        {
            for (var i = _items.Count - 1; i >= 0; i--)
            {
                if (_items[i].IsNull)
                {
                    _items.RemoveAt(i);
                }
                else if (_items[i] is not ListItem)
                {
                    break;
                }
            }
        }

        public override int CompareTo(Item? other)
        {
            switch (other)
            {
                case null:
                    return _items.Count == 0 ? 0 : _items[0].CompareTo(null);
                case IntItem:
                    return -1;
                case StringItem:
                    return 1;
                case ListItem list:
                    for (var i = 0; i < Math.Max(_items.Count, list._items.Count); i++)
                    {
                        var l = i < _items.Count ? _items[i] : null;
                        var r = i < list._items.Count ? list._items[i] : null;
                        var c = l is null ? (r is null ? 0 : -r.CompareTo(null)) : l.CompareTo(r);
                        if (c != 0)
                        {
                            return c;
                        }
                    }

                    return 0;
                default:
                    return 0;
            }
        }

        public override string ToString()
        {
            var builder = new System.Text.StringBuilder();
            foreach (var item in _items)
            {
                if (builder.Length > 0)
                {
                    builder.Append(item is ListItem ? '-' : '.');
                }

                builder.Append(item);
            }

            return builder.ToString();
        }
    }
}
