using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using ParallelAgents.Abstractions;
using ParallelAgents.Abstractions.Models;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Security;
using ParallelAgents.Models.Clients;
using ParallelAgents.Models.Configuration;
using ParallelAgents.Models.Usage;

namespace ParallelAgents.Commands.Agent;

/// <summary>
/// Runs a Claude Code agent definition over a workspace on a language model: the files are batched into items by a
/// token estimate, each item is one conversation asking for JSON findings, and the engine spreads the items over the
/// cluster. The job's budget goes to the coordinator, which stops new items once it is reached; the limiter and the response cache keep calls within limits and never paid twice.
/// </summary>
public sealed class AgentCommand(ModelClientFactory clients, IOptions<ModelsOptions> models) : IAgentCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "agent";

    /// <summary>Rule id of item problems the model caused (an answer that is not JSON).</summary>
    public const string AnswerRuleId = "AGENT000";

    private const int MaxRawAnswer = 2000;
    private const int MaxToolIterations = 8;

    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public CommandDescriptor Descriptor { get; } = new(
        Name,
        "model-agent",
        "Runs an agent definition (from the workspace or built in) over the workspace's files on a configured language model.",
        new PoolDefaults(MaxInstances: 8, ItemsPerInstance: 2),
        PartitionStrategy.Keyed,
        [
            new("agent", OptionType.String, "The agent's name: a definition under .claude/agents/ or system-configs/.claude/agents/, or a built-in one (code-reviewer, test-engineer, tech-writer, dependency-analyst, codebase-analyst)."),
            new("agentFile", OptionType.String, "Workspace-relative path of the definition to use instead of a name."),
            new("task", OptionType.String, "The instruction given for every item.", "Review these files and report the problems you find."),
            new("paths", OptionType.StringList, "Globs of the files to include, chosen among the text files git would not ignore (.gitignore files at every level, .git itself); default all of them.", "**/*"),
            new("includeIgnored", OptionType.Boolean, "Let the paths globs also match files the workspace's .gitignore files exclude (.git, links, binaries and node_modules, bin, obj... stay out).", "false"),
            new("partitionBy", OptionType.String, "One segment per directory, file or language.", "directory", AllowedValues: ["directory", "file", "language"]),
            new("maxItemTokens", OptionType.Integer, "Largest estimated input of one item; larger files are split by lines.", "6000", 200, 1_000_000),
            new("provider", OptionType.String, "Configured provider to call (Models:Providers:<name>); default the agent's model alias, then Models:Default.", AllowedValues: models.Value.Providers.Keys.Order(StringComparer.Ordinal).ToArray() is { Length: > 0 } names ? names : null),
            new("model", OptionType.String, "Model id on the provider; default the provider's Model."),
            new("temperature", OptionType.Number, "Sampling temperature.", null, 0, 2),
            new("seed", OptionType.Integer, "Seed sent to providers that accept one (recorded; not a promise of identical answers).", null, 0, int.MaxValue),
            new("maxOutputTokens", OptionType.Integer, "Largest answer per call.", "2048", 16, 200_000),
            new("tools", OptionType.String, "read: the agent may call read_file, list_directory and search inside the workspace.", "none", AllowedValues: ["none", "read"]),
            new("itemDeadlineSeconds", OptionType.Integer, "Longest one item may take, every call, retry, tool round and wait for the limiter included; then it ends with an error and the job goes on.", "900", 1, 86_400),
            new("maxTokens", OptionType.Integer, "Job budget in input plus output tokens; 0 = none.", "0", 0, long.MaxValue),
            new("maxCostUsd", OptionType.Number, "Job budget in estimated US dollars; 0 = none.", "0", 0, 1_000_000),
            new("cache", OptionType.Boolean, "Reuse answers to identical requests (a rerun of an unchanged workspace costs nothing).", "true"),
            new("redactSecrets", OptionType.Boolean, "Replace secrets found in files before sending them.", "true"),
        ]);

    /// <inheritdoc />
    public Task<Assessment> AssessAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var workspace = context.RequireWorkspace();
        var agent = ResolveAgent(context);
        var target = ResolveTarget(context, agent);
        var items = AgentWorkPlanner.Plan(
            workspace,
            context.Options.GetStringList("paths"),
            context.Options.GetString("partitionBy", "directory")!,
            context.Options.GetInt("maxItemTokens", 6000),
            context.Options.GetBool("includeIgnored", false),
            context.Changes is null ? null : context.Considers);
        var notes = new List<string> { $"Agent '{agent.Name}' ({agent.Source}) on {target.Key}." };
        var budget = new ModelBudget(context.Options.GetInt("maxTokens", 0), context.Options.GetDouble("maxCostUsd", 0));
        return Task.FromResult(new Assessment(items, Notes: notes, Budget: budget, LatencyBound: true));
    }

    /// <inheritdoc />
    public async Task<ItemResult> ExecuteAsync(CommandContext context, WorkItem item, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var workspace = context.RequireWorkspace();
        var agent = ResolveAgent(context);
        var target = ResolveTarget(context, agent);
        var slices = AgentWorkPlanner.Slices(item);
        var files = slices.Select(s => $"{s.Path}:{s.StartLine}-{s.EndLine}").ToArray();
        var seed = context.Options.Has("seed") ? (long?)context.Options.GetInt("seed", 0) : null;

        AgentItemData Data(ModelUsage usage, string? promptHash = null, ChatResponse? response = null, int redactions = 0, int dropped = 0, int tools = 0, bool repaired = false) =>
            new(agent.Name, agent.Source, agent.Hash, target.Provider, target.Model, response?.ModelId, Fingerprint(response), seed, promptHash, files, usage, redactions, dropped, tools, repaired);

        var redact = context.Options.GetBool("redactSecrets", true);
        var prompt = AgentPrompt.Build(agent, context.Options.GetString("task", "Review these files and report the problems you find.")!, workspace, slices, redact);
        var options = new ChatOptions
        {
            ModelId = target.Model,
            MaxOutputTokens = context.Options.GetInt("maxOutputTokens", 2048),
        };
        if (context.Options.Has("temperature"))
        {
            options.Temperature = (float)context.Options.GetDouble("temperature", 0);
        }

        if (seed is { } s)
        {
            options.Seed = s;
        }

        var plain = clients.GetClient(target);
        var client = plain;
        WorkspaceReadTools? tools = null;
        if (context.Options.GetString("tools", "none") == "read")
        {
            tools = new WorkspaceReadTools(workspace, redact);
            options.Tools = tools.Create();
            client = new ChatClientBuilder(client).UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = MaxToolIterations).Build();
        }

        var deadline = TimeSpan.FromSeconds(context.Options.GetInt("itemDeadlineSeconds", 900));
        using var itemToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        itemToken.CancelAfter(deadline);
        using var scope = ModelCallScope.Begin(context.Options.GetBool("cache", true));
        ChatResponse response;
        AgentAnswer? answer;
        var repaired = false;
        try
        {
            var typed = await client.GetResponseAsync<AgentAnswer>(prompt.Messages, options, useJsonSchemaResponseFormat: true, itemToken.Token).ConfigureAwait(false);
            response = typed;
            answer = typed.TryGetResult(out var parsed) && parsed is not null ? parsed : AgentAnswerParser.TryParse(typed.Text);
            if (answer is null)
            {
                repaired = true;
                List<ChatMessage> repair = [.. prompt.Messages, .. typed.Messages, new ChatMessage(ChatRole.User, "Your answer could not be read as the required JSON. Reply with only the JSON object {\"findings\": [...]}, no other text.")];
                // The repair asks for the JSON of what was already read: no tools and no tool loop, so it is one call.
                var repairOptions = options.Clone();
                repairOptions.Tools = null;
                response = await plain.GetResponseAsync(repair, repairOptions, itemToken.Token).ConfigureAwait(false);
                answer = AgentAnswerParser.TryParse(response.Text);
            }
        }
        catch (Exception e) when (e is not TransientWorkException && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            var usage = scope.Usage;
            if (e is OperationCanceledException && itemToken.IsCancellationRequested)
            {
                return Result(item, [], Data(usage, prompt.Hash, redactions: prompt.Redactions, tools: tools?.Calls ?? 0), started, $"The item did not finish within its deadline of {deadline.TotalSeconds:0} s (itemDeadlineSeconds); its calls were cancelled.");
            }

            var failure = ModelErrorClassifier.Classify(e);
            if (failure.Throttled)
            {
                // Still throttled after the bounded retries: the item goes back to the engine, which tries the segment again later.
                throw new TransientWorkException($"{target.Key} kept answering 429 (rate limited); the item will be tried again.", e);
            }

            var reason = failure.Status is { } status ? $"status {status}" : e.GetType().Name;
            return Result(item, [], Data(usage, prompt.Hash, redactions: prompt.Redactions, tools: tools?.Calls ?? 0), started, $"The model call to {target.Key} failed ({reason}): {SecretMasker.MaskText(Truncate(e.Message))}");
        }

        var spent = scope.Usage;
        if (answer is null)
        {
            var cut = response.FinishReason == ChatFinishReason.Length ? " The answer was cut off at maxOutputTokens." : "";
            var raw = SecretMasker.MaskText(Truncate(response.Text)) ?? "";
            return Result(item, [], Data(spent, prompt.Hash, response, prompt.Redactions, 0, tools?.Calls ?? 0, repaired), started, $"The model's answer is not the findings JSON, even after a repair request.{cut} Raw answer: {raw}");
        }

        var (findings, dropped) = FindingLocator.Locate(answer, prompt.Lines, tools is null ? null : workspace, agent.Name, target.Key);
        return Result(item, findings, Data(spent, prompt.Hash, response, prompt.Redactions, dropped, tools?.Calls ?? 0, repaired), started, null);
    }

    /// <inheritdoc />
    public Task<ReportSection> AggregateAsync(CommandContext context, IReadOnlyList<ItemResult> results, CancellationToken cancellationToken)
    {
        var summary = AgentRunSummary.From(results, DataJson);
        var findings = results.SelectMany(r => r.Findings).ToArray();
        var rules = findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => new RuleDescriptor(id, "AgentFinding", $"Reported by agent {summary.Agent} on {summary.Model}.", Severity.Medium))
            .ToArray();
        return Task.FromResult(new ReportSection(findings, rules, JsonSerializer.Serialize(summary, DataJson), summary.ToMarkdown(), summary.Notes()));
    }

    private AgentDefinition ResolveAgent(CommandContext context)
    {
        var (agent, error) = AgentCatalog.Find(context.Workspace, context.Options.GetString("agent"), context.Options.GetString("agentFile"));
        return agent ?? throw new AgentSetupException(error!);
    }

    private ModelTarget ResolveTarget(CommandContext context, AgentDefinition agent)
    {
        var (target, error) = ModelResolver.Resolve(models.Value, context.Options.GetString("provider"), context.Options.GetString("model"), agent.Model);
        return target ?? throw new AgentSetupException(error!);
    }

    private static ItemResult Result(WorkItem item, IReadOnlyList<Finding> findings, AgentItemData data, long started, string? error) =>
        new(item.Id, findings, JsonSerializer.Serialize(data, DataJson), Stopwatch.GetElapsedTime(started).TotalMilliseconds, error) { Usage = data.Usage };

    private static string? Fingerprint(ChatResponse? response) =>
        response?.RawRepresentation is OpenAI.Chat.ChatCompletion completion ? completion.SystemFingerprint : null;

    private static string Truncate(string? text) => text is null ? "" : text.Length <= MaxRawAnswer ? text : text[..MaxRawAnswer] + "…";
}
