using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Engine.Models;

/// <summary>
/// The limits of one (provider, model) as state: leases in flight, the starts and tokens of the last 60 seconds, and a
/// back-off after a 429. Exact sliding windows, so "at most N calls in any minute" holds by count. Not thread-safe:
/// its owner (a grain, or a lock) serialises calls.
/// </summary>
public sealed class ModelRateWindow(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _starts = new();
    private readonly List<TokenEntry> _tokens = [];
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;
    private long _nextLease;

    /// <summary>Leases currently held.</summary>
    public int InFlight => _leases.Count;

    /// <summary>A lease for a call estimated at <paramref name="estimatedTokens"/>, or how long to wait.</summary>
    public ModelRateGrant TryAcquire(ModelRateLimits limits, int estimatedTokens)
    {
        var now = time.GetUtcNow();
        Expire(now, limits.LeaseTimeout);
        if (now < _blockedUntil)
        {
            return new ModelRateGrant(null, _blockedUntil - now);
        }

        if (limits.MaxConcurrency > 0 && _leases.Count >= limits.MaxConcurrency)
        {
            // A lease ends when a call returns; asking again soon costs one grain call.
            return new ModelRateGrant(null, TimeSpan.FromMilliseconds(50));
        }

        if (limits.RequestsPerMinute > 0 && _starts.Count >= limits.RequestsPerMinute)
        {
            return new ModelRateGrant(null, _starts.Peek() + Window - now);
        }

        if (limits.TokensPerMinute > 0)
        {
            var used = _tokens.Sum(t => (long)t.Tokens);
            var wanted = Math.Min(estimatedTokens, limits.TokensPerMinute);
            if (used + wanted > limits.TokensPerMinute && _tokens.Count > 0)
            {
                var freed = 0L;
                foreach (var entry in _tokens)
                {
                    freed += entry.Tokens;
                    if (used - freed + wanted <= limits.TokensPerMinute)
                    {
                        return new ModelRateGrant(null, entry.At + Window - now);
                    }
                }

                return new ModelRateGrant(null, _tokens[^1].At + Window - now);
            }
        }

        var id = (++_nextLease).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tokens = new TokenEntry(now, estimatedTokens);
        _leases[id] = new Lease(now, tokens);
        _starts.Enqueue(now);
        _tokens.Add(tokens);
        return new ModelRateGrant(id, TimeSpan.Zero);
    }

    /// <summary>Ends a lease and keeps the tokens the call really used in the window (unused ones are returned).</summary>
    public void Release(string leaseId, int actualTokens)
    {
        if (_leases.Remove(leaseId, out var lease))
        {
            lease.Tokens.Tokens = Math.Max(0, actualTokens);
        }
    }

    /// <summary>Refuses every lease for <paramref name="delay"/> (the provider said 429).</summary>
    public void Throttle(TimeSpan delay)
    {
        var until = time.GetUtcNow() + delay;
        if (until > _blockedUntil)
        {
            _blockedUntil = until;
        }
    }

    private void Expire(DateTimeOffset now, TimeSpan leaseTimeout)
    {
        while (_starts.Count > 0 && _starts.Peek() + Window <= now)
        {
            _starts.Dequeue();
        }

        _tokens.RemoveAll(t => t.At + Window <= now);
        if (leaseTimeout > TimeSpan.Zero)
        {
            foreach (var (id, lease) in _leases.Where(l => l.Value.Started + leaseTimeout <= now).ToArray())
            {
                _leases.Remove(id);
            }
        }
    }

    private sealed record Lease(DateTimeOffset Started, TokenEntry Tokens);

    private sealed class TokenEntry(DateTimeOffset at, int tokens)
    {
        public DateTimeOffset At { get; } = at;

        public int Tokens { get; set; } = tokens;
    }
}
