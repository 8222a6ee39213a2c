using System.IO.Compression;
using Orleans.Storage;

namespace ParallelAgents.Hosting;

/// <summary>
/// The memory mode's grain storage serializer: Orleans' binary one, with states of at least
/// <see cref="Threshold"/> bytes deflated. In the memory mode the storage is the process, and a finished job's ledgers
/// and report (findings are repetitive text) are what stays in it; small states (job state, admission) are written
/// often and are stored as they are. One leading byte says which.
/// </summary>
/// <param name="inner">The serializer that makes the bytes.</param>
public sealed class CompressingGrainStorageSerializer(IGrainStorageSerializer inner) : IGrainStorageSerializer
{
    /// <summary>States this large or larger are deflated.</summary>
    public const int Threshold = 64 * 1024;

    private const byte Plain = 0;
    private const byte Deflated = 1;

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input)
    {
        var bytes = inner.Serialize(input).ToMemory();
        if (bytes.Length < Threshold)
        {
            var plain = new byte[bytes.Length + 1];
            plain[0] = Plain;
            bytes.Span.CopyTo(plain.AsSpan(1));
            return new BinaryData(plain);
        }

        using var output = new MemoryStream(bytes.Length / 4);
        output.WriteByte(Deflated);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(bytes.Span);
        }

        return new BinaryData(output.ToArray());
    }

    /// <inheritdoc />
    public T? Deserialize<T>(BinaryData input)
    {
        var bytes = input.ToMemory();
        if (bytes.Length == 0 || bytes.Span[0] == Plain)
        {
            return inner.Deserialize<T>(new BinaryData(bytes.Length == 0 ? bytes : bytes[1..]));
        }

        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(new MemoryStream(bytes[1..].ToArray(), writable: false), CompressionMode.Decompress))
        {
            deflate.CopyTo(output);
        }

        return inner.Deserialize<T>(new BinaryData(output.GetBuffer().AsMemory(0, (int)output.Length)));
    }
}
