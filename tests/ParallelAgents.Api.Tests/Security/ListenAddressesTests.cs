using Microsoft.Extensions.Configuration;
using ParallelAgents.Api.Security;

namespace ParallelAgents.Api.Tests.Security;

public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://LOCALHOST:5080/", true)]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://127.1.2.3:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("https://example.com", false)]
    [InlineData("http://10.0.0.4:80", false)]
    public void Tells_loopback_from_network_addresses(string address, bool loopback) =>
        Assert.Equal(loopback, ListenAddresses.IsLoopback(address));

    [Fact]
    public void Reads_urls_ports_and_kestrel_endpoints_with_kestrels_default_otherwise()
    {
        Assert.Equal(["http://localhost:5000"], ListenAddresses.FromConfiguration(Config()));
        Assert.Equal(["http://localhost:1", "http://127.0.0.1:2"], ListenAddresses.FromConfiguration(Config(("urls", "http://localhost:1;http://127.0.0.1:2"))));
        Assert.False(ListenAddresses.AllLoopback(ListenAddresses.FromConfiguration(Config(("http_ports", "8080")))));
        Assert.False(ListenAddresses.AllLoopback(ListenAddresses.FromConfiguration(Config(("Kestrel:Endpoints:Web:Url", "http://0.0.0.0:9000")))));
        Assert.True(ListenAddresses.AllLoopback(ListenAddresses.FromConfiguration(Config(("Kestrel:Endpoints:Web:Url", "http://localhost:9000")))));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
