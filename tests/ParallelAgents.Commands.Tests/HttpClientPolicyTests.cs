using System.Text.RegularExpressions;

namespace ParallelAgents.Commands.Tests;

public sealed partial class HttpClientPolicyTests
{
    [Fact]
    public void No_source_file_constructs_an_HttpClient_itself()
    {
        var src = Path.Combine(RepositoryRoot.Path, "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(src, f), Line: i + 1, Text: line)))
            .Where(l => NewHttpClient().IsMatch(l.Text) || TargetTypedHttpClient().IsMatch(l.Text))
            .Select(l => $"src/{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToArray();
        Assert.True(offenders.Length == 0, "HTTP clients come from IHttpClientFactory with a resilience handler; found:\n" + string.Join('\n', offenders));
    }

    [GeneratedRegex(@"new\s+(System\.Net\.Http\.)?HttpClient\s*\(")]
    private static partial Regex NewHttpClient();

    // `HttpClient client = new(...)` and `static HttpClient Make(...) => new(...)`.
    [GeneratedRegex(@"\bHttpClient\s+\w+(\s*\([^)]*\))?\s*(=>|=)\s*new\s*\(")]
    private static partial Regex TargetTypedHttpClient();
}
