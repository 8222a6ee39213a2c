using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Options;
using ParallelAgents.Engine.Workspaces;
using ParallelAgents.Grains.Workspaces;

namespace ParallelAgents.Grains.Tests;

/// <summary>The upload store when several requests, or several silos sharing one upload folder, store the same archive at once.</summary>
public sealed class WorkspaceStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pa-store-tests-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task The_same_archive_stored_at_once_by_two_silos_sharing_the_folder_gives_one_workspace_and_no_error()
    {
        var options = Options.Create(new WorkspaceOptions { UploadRoot = Path.Combine(_root, "uploads") });
        var silos = new[] { new WorkspaceStore(options), new WorkspaceStore(options) };
        for (var round = 0; round < 25; round++)
        {
            var archive = Zip(round);
            using var start = new Barrier(4);
            var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(k => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    return silos[k % 2].SaveAsync(new MemoryStream(archive), "owner", CancellationToken.None).GetAwaiter().GetResult();
                },
                TaskCreationOptions.LongRunning)));

            Assert.Single(ids.Distinct());
            var folder = await silos[round % 2].MaterializeAsync(ids[0], CancellationToken.None);
            Assert.NotNull(folder);
            Assert.Equal($"file {round} 39", File.ReadAllLines(Path.Combine(folder, "docs", "39.md"))[0]);
        }

        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "uploads", "staging")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "uploads", "incoming")));
    }

    private static byte[] Zip(int round)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < 300; i++)
            {
                using var writer = new StreamWriter(zip.CreateEntry($"docs/{i}.md").Open(), Encoding.UTF8);
                writer.Write($"file {round} {i}\n");
            }
        }

        return buffer.ToArray();
    }
}
