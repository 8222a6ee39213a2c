using System.Diagnostics;
using System.Net.Sockets;

namespace ParallelAgents.Benchmarks.Engine;

/// <summary>Azurite, the Azure Storage emulator, in memory on free loopback ports (installed by scripts/install-azurite.sh).</summary>
public sealed class AzuriteProcess(Process process, string connectionString) : IDisposable
{
    public string ConnectionString { get; } = connectionString;

    public void Dispose()
    {
        process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    public static async Task<AzuriteProcess> StartAsync()
    {
        var executable = Path.Combine(ServiceProcess.RepositoryRoot(), ".tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException("Run scripts/install-azurite.sh first.", executable);
        }

        var (blob, queue, table) = (InProcessService.FreePort(), InProcessService.FreePort(), InProcessService.FreePort());
        var process = Process.Start(new ProcessStartInfo(executable,
        [
            "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{queue}", "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        ])
        { WorkingDirectory = Directory.CreateTempSubdirectory("azurite-").FullName, RedirectStandardOutput = true, RedirectStandardError = true })!;
        foreach (var port in new[] { blob, queue, table })
        {
            for (var i = 0; ; i++)
            {
                try
                {
                    using var c = new TcpClient();
                    await c.ConnectAsync("127.0.0.1", port);
                    break;
                }
                catch (SocketException) when (i < 300)
                {
                    await Task.Delay(100);
                }
            }
        }

        const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        return new AzuriteProcess(process, $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;");
    }
}
