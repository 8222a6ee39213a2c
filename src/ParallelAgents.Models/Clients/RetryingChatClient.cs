using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ParallelAgents.Abstractions.Models;
using ParallelAgents.Models.Usage;

namespace ParallelAgents.Models.Clients;

/// <summary>
/// The only retry layer of a provider's pipeline (the SDKs' own retries are off): bounded attempts, a per-attempt
/// timeout, full-jitter back-off, and at least the delay the provider asked for in <c>retry-after-ms</c> or
/// <c>Retry-After</c>. Each attempt goes through the limiter below it again, so retries respect the caps too.
/// </summary>
public sealed partial class RetryingChatClient(IChatClient inner, ModelRetryOptions retry, string key, ILogger? logger = null, TimeProvider? time = null)
    : DelegatingChatClient(inner)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(retry.Timeout);
            try
            {
                return await base.GetResponseAsync(list, options, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (RetryDelay(e, attempt, timeout, cancellationToken) is { } delay)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        for (var attempt = 1; ; attempt++)
        {
            // An answer already partly handed out cannot be taken back, so only a stream that failed before its
            // first update is tried again.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(retry.Timeout);
            var enumerator = base.GetStreamingResponseAsync(list, options, timeout.Token).GetAsyncEnumerator(timeout.Token);
            ChatResponseUpdate? first = null;
            TimeSpan? wait = null;
            try
            {
                if (await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    first = enumerator.Current;
                }
            }
            catch (Exception e) when (RetryDelay(e, attempt, timeout, cancellationToken) is { } delay)
            {
                wait = delay;
            }

            try
            {
                if (wait is { } pause)
                {
                    await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (first is null)
                {
                    yield break;
                }

                yield return first;
                while (await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield return enumerator.Current;
                }

                yield break;
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Null when the error is final; else the wait before the next attempt (the filter runs before the stack unwinds).
    private TimeSpan? RetryDelay(Exception error, int attempt, CancellationTokenSource timeout, CancellationToken caller)
    {
        if (caller.IsCancellationRequested)
        {
            return null;
        }

        var timedOut = error is OperationCanceledException && timeout.IsCancellationRequested;
        var failure = timedOut ? new ModelCallFailure(true, false, null, null) : ModelErrorClassifier.Classify(error);
        if (!failure.Transient || attempt >= retry.MaxAttempts)
        {
            if (failure.Transient)
            {
                LogGaveUp(_logger, key, attempt, failure.Status);
            }

            return null;
        }

        var delay = Delay(attempt, failure.RetryAfter);
        LogRetrying(_logger, key, attempt, failure.Status, (long)delay.TotalMilliseconds);
        ModelCallScope.Record(new ModelUsage(Retries: 1));
        return delay;
    }

    private TimeSpan Delay(int attempt, TimeSpan? retryAfter)
    {
        var cap = Math.Min(retry.MaxDelay.TotalMilliseconds, retry.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        var backoff = Random.Shared.NextDouble() * cap;
        if (retryAfter is { } asked)
        {
            // Callers that were told the same delay spread out over the next fifth of it instead of returning together.
            var spread = asked.TotalMilliseconds * (1 + (0.2 * Random.Shared.NextDouble()));
            backoff = Math.Max(backoff, spread);
        }

        return TimeSpan.FromMilliseconds(Math.Min(backoff, retry.MaxDelay.TotalMilliseconds));
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Model call to {Target} failed on attempt {Attempt} (status {Status}); retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string target, int attempt, int? status, long delayMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Model call to {Target} failed on attempt {Attempt} (status {Status}); no attempts left")]
    private static partial void LogGaveUp(ILogger logger, string target, int attempt, int? status);
}
