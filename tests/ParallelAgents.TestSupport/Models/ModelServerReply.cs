namespace ParallelAgents.TestSupport.Models;

/// <summary>What the test model server answers to one request.</summary>
/// <param name="Content">The assistant's text.</param>
/// <param name="Status">HTTP status; not 200 sends an error body.</param>
/// <param name="Headers">Extra response headers (Retry-After, retry-after-ms).</param>
/// <param name="Delay">How long to wait before answering.</param>
/// <param name="FinishReason">OpenAI finish_reason (stop, length, ...).</param>
/// <param name="Refusal">An OpenAI refusal instead of content.</param>
/// <param name="PromptTokens">Reported prompt tokens.</param>
/// <param name="CompletionTokens">Reported completion tokens.</param>
/// <param name="ToolCalls">Function calls the assistant asks for (OpenAI tool_calls, non-streamed answers) instead of content.</param>
public sealed record ModelServerReply(
    string? Content = null,
    int Status = 200,
    IReadOnlyDictionary<string, string>? Headers = null,
    TimeSpan? Delay = null,
    string FinishReason = "stop",
    string? Refusal = null,
    int PromptTokens = 100,
    int CompletionTokens = 20,
    IReadOnlyList<ModelServerToolCall>? ToolCalls = null)
{
    /// <summary>A 429 asking to wait <paramref name="milliseconds"/>.</summary>
    public static ModelServerReply TooManyRequests(int milliseconds) =>
        new(Status: 429, Headers: new Dictionary<string, string> { ["retry-after-ms"] = milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Retry-After"] = "1" });
}

/// <summary>One function call in an assistant answer.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Arguments">Its arguments as a JSON object.</param>
public sealed record ModelServerToolCall(string Name, object Arguments);
