using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using ParallelAgents.Abstractions;
using ParallelAgents.Hosting;

namespace ParallelAgents.Grains.Tests;

public sealed class CompressingGrainStorageSerializerTests
{
    private static readonly IGrainStorageSerializer Binary = new OrleansGrainStorageSerializer(
        new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(Finding).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>());

    [Fact]
    public void A_large_state_is_stored_in_a_fraction_of_its_bytes_and_reads_back_equal()
    {
        var findings = Enumerable.Range(0, 5000).Select(i => new Finding("PRM001", Severity.Info, $"TODO marker: finish item {i % 40}", $"src/module{i % 50}/file{i}.py", i % 300)).ToList();
        var compressing = new CompressingGrainStorageSerializer(Binary);
        var plain = Binary.Serialize(findings).ToMemory().Length;
        var stored = compressing.Serialize(findings);
        Assert.True(plain >= CompressingGrainStorageSerializer.Threshold, $"{plain} bytes");
        Assert.True(stored.ToMemory().Length * 3 < plain, $"{stored.ToMemory().Length} of {plain} bytes");
        Assert.Equal(findings, compressing.Deserialize<List<Finding>>(stored));
    }

    [Fact]
    public void A_small_state_is_stored_as_it_is_and_reads_back_equal()
    {
        var finding = new Finding("PRM001", Severity.Info, "TODO marker", "a.py", 3);
        var compressing = new CompressingGrainStorageSerializer(Binary);
        var stored = compressing.Serialize(finding);
        Assert.Equal(Binary.Serialize(finding).ToMemory().Length + 1, stored.ToMemory().Length);
        Assert.Equal(finding, compressing.Deserialize<Finding>(stored));
    }
}
