namespace ParallelAgents.Engine.Jobs;

/// <summary>After <paramref name="Delay"/>, answer with <see cref="JobMachine.RetryDue"/> for segment <paramref name="Index"/>.</summary>
/// <param name="Index">Segment index.</param>
/// <param name="Delay">Backoff with jitter.</param>
public sealed record ScheduleRetry(int Index, TimeSpan Delay) : JobEffect;
