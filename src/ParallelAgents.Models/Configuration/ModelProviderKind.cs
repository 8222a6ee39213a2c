namespace ParallelAgents.Models.Configuration;

/// <summary>The wire protocol a provider speaks.</summary>
public enum ModelProviderKind
{
    /// <summary>OpenAI Chat Completions (<c>{Endpoint}/chat/completions</c>): OpenAI, vLLM, llama.cpp, LM Studio, Ollama's <c>/v1</c>.</summary>
    OpenAI,

    /// <summary>Azure OpenAI: an endpoint and a deployment, with a key or Microsoft Entra ID.</summary>
    AzureOpenAI,

    /// <summary>Anthropic Messages.</summary>
    Anthropic,
}
