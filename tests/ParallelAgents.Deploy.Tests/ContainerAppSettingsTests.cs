using System.Text.RegularExpressions;
using ParallelAgents.Engine.Hosting;

namespace ParallelAgents.Deploy.Tests;

/// <summary>
/// The settings the deployment passes are settings the service reads, and durable mode gets all it needs.
/// </summary>
public sealed partial class ContainerAppSettingsTests
{
    private static readonly string[] AppSettingsFile = ["infra", "modules", "app-settings.bicep"];

    [Fact]
    public void ContainerApp_TakesItsEnvironmentFromTheCheckedSettingsModule()
    {
        var containerApp = RepositoryRoot.ReadText("infra", "modules", "container-app.bicep");

        // Anything else assigned to env would escape the checks below.
        var envAssignments = EnvAssignment().Matches(containerApp).Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.Equal(["appEnvironment(settings)"], envAssignments);
    }

    [Fact]
    public void EveryVariableTheContainerAppPasses_IsAKeyTheServiceReads()
    {
        var names = PassedVariableNames();

        var unknown = names.Where(n => ConfigurationKeyNames.KnownKeyFor(n) is null).ToList();

        Assert.True(unknown.Count == 0,
            "The container app passes settings the service does not read (add them to ConfigurationKeys or fix the name): "
            + string.Join(", ", unknown));
    }

    [Fact]
    public void EverySettingDurableModeWithManagedIdentityRequires_IsPassed()
    {
        var passed = PassedVariableNames().Select(ConfigurationKeyNames.ToKey).ToHashSet(StringComparer.Ordinal);

        var missing = ConfigurationKeys.RequiredForDurableManagedIdentity.Where(k => !passed.Contains(k)).ToList();

        Assert.True(missing.Count == 0, "Durable mode needs settings the container app does not pass: " + string.Join(", ", missing));
    }

    [Fact]
    public void ContainerApp_SelectsAzureStorageAndDoesNotPinTheAdvertisedAddress()
    {
        var settings = RepositoryRoot.ReadText(AppSettingsFile);

        Assert.Matches(@"name: 'Storage__Provider'\s+value: 'AzureStorage'", settings);
        // Every replica must advertise its own address, so no single value may be passed to all of them.
        Assert.DoesNotContain(ConfigurationKeys.ToEnvironmentName(ConfigurationKeys.OrleansAdvertisedIPAddress), PassedVariableNames());
        Assert.DoesNotContain(ConfigurationKeys.ToEnvironmentName(ConfigurationKeys.StorageConnectionString), PassedVariableNames());
    }

    [Fact]
    public void KeyMapping_AcceptsListElementsOfKnownListsOnly()
    {
        Assert.Equal(ConfigurationKeys.AuthApiKeys, ConfigurationKeyNames.KnownKeyFor("Auth__ApiKeys__0__Sha256"));
        Assert.Equal(ConfigurationKeys.StorageProvider, ConfigurationKeyNames.KnownKeyFor("Storage__Provider"));
        Assert.Null(ConfigurationKeyNames.KnownKeyFor("storage__provider"));
        Assert.Null(ConfigurationKeyNames.KnownKeyFor("Orleans__SiloPorts"));
        Assert.Equal(ConfigurationKeys.ModelsProviderKind, ConfigurationKeyNames.KnownKeyFor("Models__Providers__azure__Kind"));
        Assert.Null(ConfigurationKeyNames.KnownKeyFor("Models__Providers__azure__Kinds"));
        Assert.Equal(ConfigurationKeys.ScalingApiKey, ConfigurationKeyNames.KnownKeyFor("Scaling__ApiKey"));
    }

    [Fact]
    public void TelemetrySettings_AreKeysTheServiceReads()
    {
        // The Azure Monitor exporter reads its connection string under the name the Azure SDKs use.
        Assert.Equal("APPLICATIONINSIGHTS_CONNECTION_STRING", ConfigurationKeyNames.KnownKeyFor("APPLICATIONINSIGHTS_CONNECTION_STRING"));
        Assert.Equal("OTEL_EXPORTER_OTLP_ENDPOINT", ConfigurationKeyNames.KnownKeyFor("OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.Equal("Telemetry:Prometheus:Enabled", ConfigurationKeyNames.KnownKeyFor("Telemetry__Prometheus__Enabled"));
        Assert.Equal("Telemetry:Tracing:SamplingRatio", ConfigurationKeyNames.KnownKeyFor("Telemetry__Tracing__SamplingRatio"));
    }

    [Fact]
    public void DockerfileAndComposeSettings_AreKeysTheServiceReads()
    {
        var dockerfileNames = DockerfileEnvNames().ToList();
        Assert.Contains("ASPNETCORE_HTTP_PORTS", dockerfileNames);
        var composeNames = DockerComposeFile.Load().Silos.SelectMany(s => s.Environment.Keys);

        var unknown = dockerfileNames.Concat(composeNames).Distinct().Where(n => ConfigurationKeyNames.KnownKeyFor(n) is null).ToList();

        Assert.True(unknown.Count == 0, "Settings the service does not read: " + string.Join(", ", unknown));
    }

    private static List<string> PassedVariableNames()
    {
        var names = VariableName().Matches(RepositoryRoot.ReadText(AppSettingsFile)).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(names);
        return names;
    }

    [GeneratedRegex(@"^\s*name:\s*'([^']+)'", RegexOptions.Multiline)]
    private static partial Regex VariableName();

    [GeneratedRegex(@"^\s*env:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex EnvAssignment();

    private static IEnumerable<string> DockerfileEnvNames()
    {
        // Join continuation lines, then read the NAME=value pairs of every ENV instruction.
        var instructions = RepositoryRoot.ReadText("Dockerfile").Replace("\\\n", " ", StringComparison.Ordinal).Split('\n');
        return instructions
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("ENV ", StringComparison.Ordinal))
            .SelectMany(l => EnvPair().Matches(l).Select(m => m.Groups[1].Value));
    }

    [GeneratedRegex(@"(?:^ENV|\s)([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex EnvPair();
}
