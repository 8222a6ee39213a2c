using Microsoft.Extensions.Time.Testing;
using ParallelAgents.Abstractions.Models;
using ParallelAgents.Engine.Models;

namespace ParallelAgents.Models.Tests;

public sealed class ModelRateWindowTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void No_more_requests_start_in_any_minute_than_the_limit()
    {
        var window = new ModelRateWindow(_time);
        var limits = new ModelRateLimits(0, 3, 0, TimeSpan.Zero);
        var granted = 0;
        for (var second = 0; second < 180; second++)
        {
            while (window.TryAcquire(limits, 1) is { Granted: true } grant)
            {
                window.Release(grant.LeaseId!, 1);
                granted++;
            }

            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(9, granted);
    }

    [Fact]
    public void A_refused_caller_is_told_when_the_oldest_start_leaves_the_window()
    {
        var window = new ModelRateWindow(_time);
        var limits = new ModelRateLimits(0, 1, 0, TimeSpan.Zero);
        Assert.True(window.TryAcquire(limits, 1).Granted);
        _time.Advance(TimeSpan.FromSeconds(20));

        var refused = window.TryAcquire(limits, 1);
        Assert.False(refused.Granted);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);
    }

    [Fact]
    public void A_finished_call_stays_in_the_window_until_a_minute_after_its_answer()
    {
        // The provider counts a call when it arrives, some time between the grant and the answer: counting from the
        // answer means the next call a minute later can never arrive less than a minute after this one.
        var window = new ModelRateWindow(_time);
        var limits = new ModelRateLimits(0, 1, 0, TimeSpan.Zero);
        var first = window.TryAcquire(limits, 1);
        _time.Advance(TimeSpan.FromSeconds(2));
        window.Release(first.LeaseId!, 1);

        _time.Advance(TimeSpan.FromSeconds(58));
        var refused = window.TryAcquire(limits, 1);
        Assert.False(refused.Granted);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.RetryAfter);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(window.TryAcquire(limits, 1).Granted);
    }

    [Fact]
    public void Concurrency_is_capped_until_a_lease_is_released()
    {
        var window = new ModelRateWindow(_time);
        var limits = new ModelRateLimits(2, 0, 0, TimeSpan.FromMinutes(5));
        var first = window.TryAcquire(limits, 1);
        Assert.True(window.TryAcquire(limits, 1).Granted);
        Assert.False(window.TryAcquire(limits, 1).Granted);

        window.Release(first.LeaseId!, 1);
        Assert.True(window.TryAcquire(limits, 1).Granted);
    }

    [Fact]
    public void A_lease_lost_with_its_silo_is_freed_after_the_lease_timeout()
    {
        var window = new ModelRateWindow(_time);
        var limits = new ModelRateLimits(1, 0, 0, TimeSpan.FromMinutes(3));
        Assert.True(window.TryAcquire(limits, 1).Granted);
        Assert.False(window.TryAcquire(limits, 1).Granted);

        _time.Advance(TimeSpan.FromMinutes(3));
        Assert.True(window.TryAcquire(limits, 1).Granted);
    }

    [Fact]
    public void Unused_estimated_tokens_are_returned_to_the_minute()
    {
        var window = new ModelRateWindow(_time);
        var limits = new ModelRateLimits(0, 0, 1000, TimeSpan.Zero);
        var big = window.TryAcquire(limits, 900);
        Assert.False(window.TryAcquire(limits, 200).Granted);

        window.Release(big.LeaseId!, 100);
        Assert.True(window.TryAcquire(limits, 800).Granted);
        Assert.False(window.TryAcquire(limits, 200).Granted);
    }

    [Fact]
    public void After_a_429_every_caller_waits_for_the_delay_asked()
    {
        var window = new ModelRateWindow(_time);
        var limits = new ModelRateLimits(10, 0, 0, TimeSpan.Zero);
        window.Throttle(TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(5), window.TryAcquire(limits, 1).RetryAfter);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(window.TryAcquire(limits, 1).Granted);
    }
}
