using System.Net;
using ParallelAgents.Commands.Docs;

namespace ParallelAgents.Commands.Tests.Docs;

public sealed class ExternalLinkTests
{
    [Fact]
    public async Task External_links_are_checked_only_when_asked_against_a_local_server()
    {
        var port = FreePorts.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var concurrent = 0;
        var maxConcurrent = 0;
        var serving = Task.Run(async () =>
        {
            var handlers = new List<Task>();
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    break;
                }

                handlers.Add(Task.Run(async () =>
                {
                    // The slow URL is abandoned by the client at its timeout while the server still holds it, so it is
                    // not counted; the others are counted until just before the answer is sent.
                    var path = context.Request.Url!.AbsolutePath;
                    var counted = !path.StartsWith("/slow", StringComparison.Ordinal);
                    if (counted)
                    {
                        InterlockedMax(ref maxConcurrent, Interlocked.Increment(ref concurrent));
                    }

                    try
                    {
                        if (!counted)
                        {
                            await Task.Delay(5000);
                        }
                        else if (path.StartsWith("/busy", StringComparison.Ordinal))
                        {
                            await Task.Delay(20);
                        }

                        context.Response.StatusCode = path.StartsWith("/missing", StringComparison.Ordinal) ? 404
                            : path.StartsWith("/nohead", StringComparison.Ordinal) && context.Request.HttpMethod == "HEAD" ? 405
                            : 200;
                        if (counted)
                        {
                            Interlocked.Decrement(ref concurrent);
                        }

                        context.Response.Close();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                    }
                }));
            }

            await Task.WhenAll(handlers);
        });

        var busy = string.Join(' ', Enumerable.Range(0, 8).Select(i => $"[b{i}](http://127.0.0.1:{port}/busy/{i})"));
        using var tree = new TempTree().Write("docs/links.md", $"# Links\n\n[ok](http://127.0.0.1:{port}/ok)\n[missing](http://127.0.0.1:{port}/missing)\n[nohead](http://127.0.0.1:{port}/nohead)\n[slow](http://127.0.0.1:{port}/slow)\n{busy}\n");
        try
        {
            var (_, _, offline) = await CommandHarness.RunAsync(new DocsCommand(), tree.Root);
            Assert.DoesNotContain(offline.Findings, f => f.RuleId == DocsRules.BrokenExternalLink);

            var (_, _, online) = await CommandHarness.RunAsync(new DocsCommand(), tree.Root, """{"checkExternal":true,"externalTimeoutMs":2500,"externalPerHost":2}""");
            var broken = online.Findings.Where(f => f.RuleId == DocsRules.BrokenExternalLink).Select(f => f.Properties!["target"].Split('/')[3]).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(["missing", "slow"], broken);
            Assert.Contains(online.Findings, f => f.RuleId == DocsRules.BrokenExternalLink && f.Message.Contains("HTTP 404", StringComparison.Ordinal));
            Assert.Contains(online.Findings, f => f.RuleId == DocsRules.BrokenExternalLink && f.Message.Contains("no answer within 2500 ms", StringComparison.Ordinal));
            Assert.True(maxConcurrent <= 2, $"per-host limit 2 was exceeded: {maxConcurrent} requests at once");
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await serving.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
