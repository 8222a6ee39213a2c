using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace ParallelAgents.Deploy.Tests;

/// <summary>docker-compose.yml read with YAML merge keys resolved, as Docker Compose reads it.</summary>
internal sealed class DockerComposeFile
{
    private DockerComposeFile(Dictionary<string, Dictionary<object, object?>> services)
    {
        Services = services;
        Silos = services
            .Where(s => s.Value.ContainsKey("build") || (s.Value.TryGetValue("image", out var image) && image is string i && i.StartsWith("parallel-agents", StringComparison.Ordinal)))
            .Select(s => new Silo(s.Key, s.Value))
            .ToList();
    }

    public Dictionary<string, Dictionary<object, object?>> Services { get; }

    /// <summary>Services that run the service image.</summary>
    public List<Silo> Silos { get; }

    public static DockerComposeFile Load() => Parse(RepositoryRoot.ReadText("docker-compose.yml"));

    public static DockerComposeFile Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var root = deserializer.Deserialize<Dictionary<object, object?>>(new MergingParser(new Parser(new StringReader(yaml))));
        var services = ((Dictionary<object, object?>)root["services"]!)
            .ToDictionary(s => (string)s.Key, s => (Dictionary<object, object?>)s.Value!);
        return new DockerComposeFile(services);
    }

    /// <summary>One service running the image.</summary>
    internal sealed class Silo(string name, Dictionary<object, object?> definition)
    {
        public string Name { get; } = name;

        public Dictionary<object, object?> Definition { get; } = definition;

        public Dictionary<string, string> Environment { get; } = definition.TryGetValue("environment", out var env) && env is Dictionary<object, object?> map
            ? map.ToDictionary(e => (string)e.Key, e => e.Value?.ToString() ?? string.Empty)
            : [];

        /// <summary>Host ports published ("host:container" or "ip:host:container").</summary>
        public List<string> PublishedHostPorts { get; } = definition.TryGetValue("ports", out var ports) && ports is List<object> list
            ? list.Select(p => p.ToString()!.Split(':')).Where(parts => parts.Length >= 2).Select(parts => parts[^2]).ToList()
            : [];
    }
}
