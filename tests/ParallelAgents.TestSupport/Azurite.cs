using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace ParallelAgents.TestSupport;

/// <summary>
/// The real Azure Storage emulator (the npm <c>azurite</c> that scripts/install-azurite.sh installs), started on free
/// loopback ports with in-memory persistence. A test project shares one through an xunit collection fixture.
/// </summary>
public sealed class Azurite : IAsyncLifetime
{
    /// <summary>The emulator's well-known development account key (public, the same in every Azurite).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;

    /// <summary>A connection string with the emulator's explicit endpoints.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>A connection string for the development account with the three services on the given loopback ports (nothing need listen there).</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var executable = RepositoryRoot.File(".tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run scripts/install-azurite.sh (test.sh does).");
        }

        var (blob, queue, table) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var info = new ProcessStartInfo(executable,
        [
            "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,

            // Azurite writes its debug and extent files to the working directory; keep them out of the repository.
            WorkingDirectory = Directory.CreateTempSubdirectory("azurite-").FullName,
        };
        _process = Process.Start(info)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        foreach (var port in new[] { blob, queue, table })
        {
            await WaitForPortAsync(port, _process);
        }

        ConnectionString = ConnectionStringFor(blob, queue, table);
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static async Task WaitForPortAsync(int port, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }
}
