using Microsoft.Extensions.Options;
using ParallelAgents.Hosting.Azure;

namespace ParallelAgents.Api.Hosting;

/// <summary>Recognises the start-up failures that are the operator's to fix, and their messages.</summary>
public static class StartupProblem
{
    /// <summary>The messages to print, or none when the exception is not a configuration or storage problem.</summary>
    public static IReadOnlyList<string> Messages(Exception exception) => exception switch
    {
        OptionsValidationException v => [.. v.Failures],
        StorageUnavailableException s => [s.Message],
        InvalidOperationException i when i.Message.Contains("Orleans__", StringComparison.Ordinal) => [i.Message],
        AggregateException a => [.. a.InnerExceptions.SelectMany(Messages)],
        _ when exception.InnerException is { } inner => Messages(inner),
        _ => [],
    };
}
