using System.Formats.Tar;
using System.IO.Compression;

namespace ParallelAgents.Engine.Workspaces;

/// <summary>
/// Extracts .zip and .tar.gz archives without letting any entry escape the destination: entries with '..', absolute
/// paths or links that point out are refused, and size and count limits are enforced while extracting, not after.
/// Links that stay inside are not materialised (the workspace is read as plain files).
/// </summary>
public static class ArchiveExtractor
{
    /// <summary>Detects the format from the first bytes: "zip", "tar.gz", or null.</summary>
    public static string? DetectFormat(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] is 3 or 5 ? "zip"
        : head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b ? "tar.gz"
        : null;

    /// <summary>Extracts <paramref name="archivePath"/> into the empty folder <paramref name="destination"/>; returns files written.</summary>
    public static int Extract(string archivePath, string destination, long maxExtractedBytes, int maxFiles)
    {
        Span<byte> head = stackalloc byte[4];
        using (var probe = File.OpenRead(archivePath))
        {
            head = head[..probe.ReadAtLeast(head, 4, throwOnEndOfStream: false)];
        }

        var format = DetectFormat(head) ?? throw new ArchiveRejectedException(400, "The upload is neither a .zip nor a .tar.gz archive.");
        Directory.CreateDirectory(destination);
        var budget = new Budget(maxExtractedBytes, maxFiles);
        try
        {
            return format == "zip" ? ExtractZip(archivePath, destination, budget) : ExtractTarGz(archivePath, destination, budget);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new ArchiveRejectedException(400, $"The archive is corrupt: {e.Message}");
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException or UnauthorizedAccessException)
        {
            // Entries that cannot coexist on a file system (a file and a folder of one name, invalid names...).
            throw new ArchiveRejectedException(400, $"The archive cannot be extracted as a workspace: {e.Message}");
        }
    }

    private static int ExtractZip(string archivePath, string destination, Budget budget)
    {
        using var zip = ZipFile.OpenRead(archivePath);
        foreach (var entry in zip.Entries)
        {
            var target = SafeTarget(destination, entry.FullName);
            var unixMode = (entry.ExternalAttributes >> 16) & 0xF000;
            if (unixMode == 0xA000)
            {
                using var reader = new StreamReader(entry.Open());
                CheckLink(destination, target, reader.ReadToEnd(), entry.FullName);
                continue;
            }

            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                Directory.CreateDirectory(target);
                continue;
            }

            budget.AddFile(entry.FullName);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var source = entry.Open();
            Copy(source, target, budget);
        }

        return budget.Files;
    }

    private static int ExtractTarGz(string archivePath, string destination, Budget budget)
    {
        using var file = File.OpenRead(archivePath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
            {
                continue;
            }

            var target = SafeTarget(destination, entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.SymbolicLink:
                    CheckLink(destination, target, entry.LinkName, entry.Name);
                    break;
                case TarEntryType.HardLink:
                    SafeTarget(destination, entry.LinkName);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    budget.AddFile(entry.Name);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    if (entry.DataStream is { } data)
                    {
                        Copy(data, target, budget);
                    }
                    else
                    {
                        File.WriteAllBytes(target, []);
                    }

                    break;
                default:
                    throw new ArchiveRejectedException(400, $"Entry '{entry.Name}' is a {entry.EntryType}, which a workspace may not contain.");
            }
        }

        return budget.Files;
    }

    private static string SafeTarget(string destination, string name)
    {
        var normalized = name.Replace('\\', '/');
        if (normalized.StartsWith('/') || (normalized.Length > 1 && normalized[1] == ':') || normalized.Split('/').Contains(".."))
        {
            throw new ArchiveRejectedException(400, $"Entry '{name}' would be written outside the workspace.");
        }

        var target = Path.GetFullPath(Path.Combine(destination, normalized));
        if (!Workspace.IsUnder(destination, target))
        {
            throw new ArchiveRejectedException(400, $"Entry '{name}' would be written outside the workspace.");
        }

        return target;
    }

    private static void CheckLink(string destination, string linkPath, string linkTarget, string name)
    {
        var resolved = Path.IsPathRooted(linkTarget) ? linkTarget : Path.Combine(Path.GetDirectoryName(linkPath)!, linkTarget);
        if (Path.IsPathRooted(linkTarget) || !Workspace.IsUnder(destination, Path.GetFullPath(resolved)))
        {
            throw new ArchiveRejectedException(400, $"Link '{name}' points outside the workspace ('{linkTarget}').");
        }
    }

    private static void Copy(Stream source, string target, Budget budget)
    {
        using var output = File.Create(target);
        var buffer = new byte[81920];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            budget.AddBytes(read);
            output.Write(buffer, 0, read);
        }
    }

    private sealed class Budget(long maxBytes, int maxFiles)
    {
        private long _bytes;

        public int Files { get; private set; }

        public void AddFile(string name)
        {
            if (++Files > maxFiles)
            {
                throw new ArchiveRejectedException(400, $"The archive holds more than {maxFiles} files (at '{name}'). Workspaces:MaxFiles sets the limit.");
            }
        }

        public void AddBytes(long count)
        {
            _bytes += count;
            if (_bytes > maxBytes)
            {
                throw new ArchiveRejectedException(413, $"The archive expands to more than {maxBytes} bytes. Workspaces:MaxExtractedBytes sets the limit.");
            }
        }
    }
}
