using Orleans.Runtime;
using ParallelAgents.Api.Endpoints;
using ParallelAgents.Grains.Hosting;

namespace ParallelAgents.Api.Tests;

public sealed class TransientTests
{
    [Fact]
    public async Task A_call_that_meets_a_lost_silo_is_repeated_and_its_answer_returned()
    {
        var calls = 0;
        var answer = await Transient.RetryAsync(() => ++calls == 1 ? throw new SiloUnavailableException("silo S1 is dead") : Task.FromResult("snapshot"));
        Assert.Equal("snapshot", answer);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_failure_of_the_callee_itself_is_not_repeated()
    {
        var calls = 0;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Transient.RetryAsync<string>(() =>
        {
            calls++;
            throw new InvalidOperationException("the job rejected the call");
        }));
        Assert.Equal("the job rejected the call", error.Message);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_cluster_fault_that_persists_is_repeated_a_bounded_number_of_times_then_surfaces()
    {
        var calls = 0;
        var pipeline = ClusterFaultRetry.Create(2, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));
        await Assert.ThrowsAsync<TimeoutException>(() => Transient.RetryAsync<string>(() =>
        {
            calls++;
            throw new TimeoutException("response did not arrive");
        }, pipeline));
        Assert.Equal(3, calls);
        Assert.True(Transient.IsClusterFault(new TimeoutException()));
    }
    [Fact]
    public async Task Under_a_budget_a_call_that_never_answers_ends_as_a_cluster_fault_naming_the_setting()
    {
        var never = new TaskCompletionSource<string>();
        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            ClusterCallBudget.RunAsync(TimeSpan.FromMilliseconds(200), () => Transient.RetryAsync(() => never.Task)));
        Assert.Contains("Orleans:Client:UnavailableTimeout", error.Message, StringComparison.Ordinal);
        Assert.True(Transient.IsClusterFault(error));
    }

    [Fact]
    public async Task Under_a_budget_a_cluster_that_keeps_refusing_is_retried_until_the_budget_ends()
    {
        var calls = 0;
        var pipeline = ClusterFaultRetry.Create(1000, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));
        await Assert.ThrowsAsync<TimeoutException>(() => ClusterCallBudget.RunAsync(TimeSpan.FromMilliseconds(300), () =>
            Transient.RetryAsync<string>(() =>
            {
                calls++;
                throw new SiloUnavailableException("No gateways available");
            }, pipeline)));
        Assert.True(calls > 1, $"{calls} calls");
    }

    [Fact]
    public async Task Without_a_budget_an_answer_is_awaited_as_before()
    {
        var answer = new TaskCompletionSource<string>();
        var call = Transient.OnceAsync(() => answer.Task);
        answer.SetResult("snapshot");
        Assert.Equal("snapshot", await call);
        Assert.Null(ClusterCallBudget.Current);
    }
}
