using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;
using ParallelAgents.Abstractions.Models;
using ParallelAgents.Models.Configuration;
using ParallelAgents.Models.Limits;
using ParallelAgents.Models.Usage;

namespace ParallelAgents.Models.Clients;

/// <summary>
/// Holds every call to a (provider, model) within its limits: a local <see cref="ConcurrencyLimiter"/> keeps this
/// process from queueing more calls at the shared gate than the cap, and the gate (a grain in a cluster) grants the
/// cluster-wide lease — concurrency, requests and tokens per minute — taking back unused tokens when the call returns.
/// A 429 makes the gate refuse every caller for the delay the provider asked for. Usage and cost go to the item's scope.
/// </summary>
public sealed class RateLimitingChatClient : DelegatingChatClient
{
    private const int DefaultOutputEstimate = 1024;

    private readonly IModelRateGate _gate;
    private readonly ModelTarget _target;
    private readonly ModelProviderOptions _provider;
    private readonly ModelRateLimits _limits;
    private readonly ConcurrencyLimiter _local;
    private readonly TimeProvider _time;

    /// <summary>Wraps <paramref name="inner"/> with the limits of <paramref name="target"/>.</summary>
    public RateLimitingChatClient(IChatClient inner, IModelRateGate gate, ModelTarget target, ModelProviderOptions provider, TimeProvider? time = null)
        : base(inner)
    {
        _gate = gate;
        _target = target;
        _provider = provider;
        _time = time ?? TimeProvider.System;
        _limits = new ModelRateLimits(provider.MaxConcurrency, provider.RequestsPerMinute, provider.TokensPerMinute, provider.Timeout + TimeSpan.FromMinutes(1));
        _local = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, provider.MaxConcurrency),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var estimate = Estimate(list, options);
        using var permit = await _local.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        var lease = await LeaseAsync(estimate, cancellationToken).ConfigureAwait(false);
        var used = 0;
        try
        {
            var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
            used = Record(response.Usage, estimate);
            return response;
        }
        catch (Exception e)
        {
            await OnFailureAsync(e).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await _gate.ReleaseAsync(_target.Key, lease, used).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var estimate = Estimate(list, options);
        using var permit = await _local.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        var lease = await LeaseAsync(estimate, cancellationToken).ConfigureAwait(false);
        UsageDetails? usage = null;
        var used = 0;
        var enumerator = base.GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception e)
                {
                    await OnFailureAsync(e).ConfigureAwait(false);
                    throw;
                }

                foreach (var content in enumerator.Current.Contents.OfType<UsageContent>())
                {
                    usage ??= new UsageDetails();
                    usage.Add(content.Details);
                }

                yield return enumerator.Current;
            }

            used = Record(usage, estimate);
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            await _gate.ReleaseAsync(_target.Key, lease, used).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<string> LeaseAsync(int estimate, CancellationToken cancellationToken)
    {
        while (true)
        {
            var grant = await _gate.AcquireAsync(_target.Key, _limits, estimate, cancellationToken).ConfigureAwait(false);
            if (grant.LeaseId is { } id)
            {
                return id;
            }

            await Task.Delay(grant.RetryAfter < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : grant.RetryAfter, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task OnFailureAsync(Exception error)
    {
        var failure = ModelErrorClassifier.Classify(error);
        ModelCallScope.Record(new ModelUsage(Calls: 1, Throttled: failure.Throttled ? 1 : 0));
        if (failure.Throttled)
        {
            await _gate.ThrottleAsync(_target.Key, failure.RetryAfter ?? TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }

    private int Record(UsageDetails? usage, int estimate)
    {
        var input = usage?.InputTokenCount ?? 0;
        var output = usage?.OutputTokenCount ?? 0;
        ModelCallScope.Record(new ModelUsage(
            InputTokens: input,
            OutputTokens: output,
            CachedInputTokens: usage?.CachedInputTokenCount ?? 0,
            Calls: 1,
            CostUsd: _provider.Cost(input, output)));
        return usage is null ? estimate : (int)Math.Min(int.MaxValue, input + output);
    }

    private static int Estimate(IList<ChatMessage> messages, ChatOptions? options)
    {
        var chars = messages.Sum(m => (long)(m.Text?.Length ?? 0));
        return (int)Math.Min(int.MaxValue, TokenEstimate.FromCharacters(chars) + (options?.MaxOutputTokens ?? DefaultOutputEstimate));
    }
}
