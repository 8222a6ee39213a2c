using ParallelAgents.Abstractions.Models;

namespace ParallelAgents.Engine.Models;

/// <summary>
/// The limits of one (provider, model) as state: leases in flight, the calls and tokens of the last 60 seconds, and a
/// back-off after a 429. Exact sliding windows, so "at most N calls in any minute" holds by count — counted the way the
/// provider counts them: a call is in the window from its grant and, once its answer is back, until a minute after the
/// answer. The provider receives a call somewhere between the two, so two calls the window lets through a minute apart
/// arrive at least a minute apart, whatever the network did to the first. Not thread-safe: its owner (a grain, or a
/// lock) serialises calls.
/// </summary>
public sealed class ModelRateWindow(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private readonly List<Slot> _slots = [];
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

        if (limits.RequestsPerMinute > 0 && _slots.Count >= limits.RequestsPerMinute)
        {
            return new ModelRateGrant(null, _slots.Min(s => s.At) + Window - now);
        }

        if (limits.TokensPerMinute > 0)
        {
            var used = _slots.Sum(t => (long)t.Tokens);
            var wanted = Math.Min(estimatedTokens, limits.TokensPerMinute);
            if (used + wanted > limits.TokensPerMinute && _slots.Count > 0)
            {
                var freed = 0L;
                var oldestFirst = _slots.OrderBy(s => s.At).ToArray();
                foreach (var entry in oldestFirst)
                {
                    freed += entry.Tokens;
                    if (used - freed + wanted <= limits.TokensPerMinute)
                    {
                        return new ModelRateGrant(null, entry.At + Window - now);
                    }
                }

                return new ModelRateGrant(null, oldestFirst[^1].At + Window - now);
            }
        }

        var id = (++_nextLease).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var slot = new Slot(now, estimatedTokens);
        _leases[id] = new Lease(now, slot);
        _slots.Add(slot);
        return new ModelRateGrant(id, TimeSpan.Zero);
    }

    /// <summary>
    /// Ends a lease: the call stays in the window until a minute after now, with the tokens it really used (unused ones
    /// are returned).
    /// </summary>
    public void Release(string leaseId, int actualTokens)
    {
        if (_leases.Remove(leaseId, out var lease))
        {
            lease.Slot.Tokens = Math.Max(0, actualTokens);
            lease.Slot.At = time.GetUtcNow();
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
        // A call still running a minute after its grant reached the provider long ago: it leaves the window then.
        _slots.RemoveAll(t => t.At + Window <= now);
        if (leaseTimeout > TimeSpan.Zero)
        {
            foreach (var (id, lease) in _leases.Where(l => l.Value.Started + leaseTimeout <= now).ToArray())
            {
                _leases.Remove(id);
            }
        }
    }

    private sealed record Lease(DateTimeOffset Started, Slot Slot);

    private sealed class Slot(DateTimeOffset at, int tokens)
    {
        public DateTimeOffset At { get; set; } = at;

        public int Tokens { get; set; } = tokens;
    }
}
