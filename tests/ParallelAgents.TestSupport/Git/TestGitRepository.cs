using System.Diagnostics;

namespace ParallelAgents.TestSupport.Git;

/// <summary>A git repository made by a test in a folder of its own: files committed with the real git CLI.</summary>
public sealed class TestGitRepository : IDisposable
{
    private TestGitRepository(string path) => Path = path;

    /// <summary>The working tree.</summary>
    public string Path { get; }

    /// <summary>The repository as a <c>file://</c> URL.</summary>
    public string FileUrl => new Uri(Path).AbsoluteUri;

    /// <summary>A new repository with branch <c>main</c> in a new folder under <paramref name="parent"/> (the temp folder when null).</summary>
    public static TestGitRepository Create(string? parent = null)
    {
        var folder = parent is null
            ? Directory.CreateTempSubdirectory("pa-git-repo-").FullName
            : Directory.CreateDirectory(System.IO.Path.Combine(parent, "repo-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var repository = new TestGitRepository(folder);
        repository.Git("init", "-q", "-b", "main", ".");
        return repository;
    }

    /// <summary>Writes (or, for a null text, deletes) files and commits them; the new commit's full sha.</summary>
    public string Commit(IReadOnlyDictionary<string, string?> files, string message = "change")
    {
        foreach (var (name, text) in files)
        {
            var full = System.IO.Path.Combine(Path, name);
            if (text is null)
            {
                File.Delete(full);
                continue;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        Git("add", "-A", ".");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Head();
    }

    /// <summary>The sha <c>HEAD</c> is at.</summary>
    public string Head() => Git("rev-parse", "HEAD").Trim();

    /// <summary>Runs git in the repository with a test identity and no user or system configuration; its output.</summary>
    public string Git(params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["GIT_AUTHOR_NAME"] = "Test",
            ["GIT_AUTHOR_EMAIL"] = "test@example.com",
            ["GIT_COMMITTER_NAME"] = "Test",
            ["GIT_COMMITTER_EMAIL"] = "test@example.com",
        })
        {
            info.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error}");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
