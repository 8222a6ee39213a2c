namespace ParallelAgents.Api.Endpoints;

/// <summary>
/// How long the grain calls of the current request may keep trying a cluster that does not answer
/// (<c>Orleans:Client:UnavailableTimeout</c>), set per request by the front end of the Client role. It flows with
/// the request's async context, as <see cref="System.Diagnostics.Activity.Current"/> does.
/// </summary>
public static class ClusterCallBudget
{
    private static readonly AsyncLocal<TimeSpan?> CurrentBudget = new();

    /// <summary>The budget of each call sequence in this request, or null for none (a co-hosted silo answers or fails fast).</summary>
    public static TimeSpan? Current => CurrentBudget.Value;

    /// <summary>Gives every request a budget of <paramref name="budget"/> per call sequence.</summary>
    public static IApplicationBuilder UseClusterCallBudget(this IApplicationBuilder app, TimeSpan budget) =>
        app.Use(async (context, next) =>
        {
            CurrentBudget.Value = budget;
            await next(context);
        });

    /// <summary>Runs <paramref name="body"/> under <paramref name="budget"/> (for code outside a request, and tests).</summary>
    public static async Task<T> RunAsync<T>(TimeSpan budget, Func<Task<T>> body)
    {
        CurrentBudget.Value = budget;
        return await body();
    }
}
