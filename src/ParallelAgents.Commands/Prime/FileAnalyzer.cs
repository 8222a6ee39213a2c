using System.Buffers;
using System.Globalization;
using Microsoft.Win32.SafeHandles;
using ParallelAgents.Abstractions;
using ParallelAgents.Engine.Workspaces;

namespace ParallelAgents.Commands.Prime;

/// <summary>Runs the chosen aspects over a list of files, reading each file once; bad input becomes a skip entry, never an exception.</summary>
public static class FileAnalyzer
{
    /// <summary>Analyses <paramref name="files"/> for <paramref name="aspects"/>; with a <paramref name="tree"/>, imports are resolved here.</summary>
    public static (PrimeItemData Data, IReadOnlyList<Finding> Findings) Analyze(
        Workspace workspace, IReadOnlyList<IndexedFile> files, PrimeAspect aspects, PrimeSettings settings, int windowSample, CancellationToken cancellationToken, ImportTree? tree = null)
    {
        var stats = new List<PrimeItemData.FileStat>();
        var skipped = new List<PrimeItemData.SkippedFile>();
        var imports = new List<PrimeItemData.FileImports>();
        var longFunctions = new List<PrimeItemData.LongFunction>();
        var windows = new List<PrimeItemData.FileWindows>();
        var markers = new Dictionary<string, int>(StringComparer.Ordinal);
        var findings = new List<Finding>();
        var reportSkips = aspects.HasFlag(PrimeAspect.Structure);
        var buffers = new SourceScanner.Buffers();
        // Repeated notes share one message (the scanner returns a repeated note as the same string).
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var language = file.Language is null ? null : LanguageCatalog.ByName(file.Language);
            if (language is null)
            {
                continue;
            }

            if (file.SkipReason is not null)
            {
                Skip(file.Path, file.SkipReason, bad: true);
                continue;
            }

            // Files are read into a pooled buffer: the bytes are only needed while this file is analysed.
            byte[]? buffer = null;
            try
            {
                int length;
                try
                {
                    using var handle = File.OpenHandle(workspace.FullPath(file.Path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    var size = RandomAccess.GetLength(handle);
                    if (size > settings.MaxFileBytes)
                    {
                        Skip(file.Path, $"larger than the limit of {settings.MaxFileBytes} bytes", bad: true);
                        continue;
                    }

                    buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, size));
                    length = ReadAll(handle, buffer.AsSpan(0, (int)size));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Skip(file.Path, $"unreadable: {e.Message}", bad: true);
                    continue;
                }

                AnalyzeFile(file, language, buffer.AsSpan(0, length));
            }
            finally
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        var data = new PrimeItemData
        {
            Aspects = Enum.GetValues<PrimeAspect>().Where(a => a is not (PrimeAspect.None or PrimeAspect.All) && aspects.HasFlag(a)).Select(a => a.ToString().ToLowerInvariant()).ToArray(),
            Files = stats,
            Skipped = skipped,
            Imports = imports,
            LongFunctions = longFunctions,
            Windows = windows,
            Markers = markers,
        };
        return (data, findings);

        void AnalyzeFile(IndexedFile file, Language language, ReadOnlySpan<byte> content)
        {
            var reason = FileClassifier.SkipReason(file.Path, content);
            if (reason is not null)
            {
                Skip(file.Path, reason, bad: reason == "not UTF-8 text");
                return;
            }

            var counts = aspects.HasFlag(PrimeAspect.Structure) || aspects.HasFlag(PrimeAspect.Hotspots) ? LanguageCatalog.CountLines(language, content) : default;
            var scan = aspects.HasFlag(PrimeAspect.Patterns) || aspects.HasFlag(PrimeAspect.Hotspots) || aspects.HasFlag(PrimeAspect.Debt)
                ? SourceScanner.Scan(language, content, aspects, settings.DuplicateWindow, windowSample, buffers)
                : null;
            if (aspects.HasFlag(PrimeAspect.Structure) || aspects.HasFlag(PrimeAspect.Hotspots))
            {
                stats.Add(new(file.Path, language.Name, content.Length, counts.Code, counts.Comment, counts.Blank, scan?.Complexity ?? 0));
            }

            if (aspects.HasFlag(PrimeAspect.Dependencies) && language.Imports != ImportKind.None)
            {
                var found = ImportScanner.Scan(file.Path, language, content);
                if (found.Uses.Count > 0 || found.Declares.Count > 0)
                {
                    imports.Add(tree is null ? found : DependencyResolver.ResolveLocally(found, tree));
                }
            }

            if (scan is null)
            {
                return;
            }

            if (aspects.HasFlag(PrimeAspect.Debt))
            {
                foreach (var (word, line, text) in scan.Markers)
                {
                    markers[word] = markers.GetValueOrDefault(word) + 1;
                    var rule = PrimeRules.ForMarker(word);
                    if (!messages.TryGetValue(text, out var message))
                    {
                        message = string.Concat(text, " — resolve the ", word, " or track it as an issue.");
                        if (messages.Count < SourceScanner.Buffers.NoteSet.Limit)
                        {
                            messages[text] = message;
                        }
                    }

                    findings.Add(new Finding(rule.Id, rule.DefaultSeverity, message, file.Path, line));
                }
            }

            if (aspects.HasFlag(PrimeAspect.Patterns))
            {
                foreach (var (name, line, length) in scan.Functions)
                {
                    if (length > settings.LongFunctionLines)
                    {
                        longFunctions.Add(new(file.Path, name, line, length));
                        findings.Add(new Finding(
                            PrimeRules.LongFunction.Id,
                            PrimeRules.LongFunction.DefaultSeverity,
                            $"Function '{name}' is {length} lines long (limit {settings.LongFunctionLines}); split it into smaller functions.",
                            file.Path,
                            line,
                            Properties: new Dictionary<string, string> { ["lines"] = length.ToString(CultureInfo.InvariantCulture) }));
                    }
                }

                if (language.Comments is not (CommentStyle.None or CommentStyle.Html) && language.Name is not ("YAML" or "JSON" or "XML" or "Markdown"))
                {
                    if (scan.Windows.Count > 0)
                    {
                        var hashes = new long[scan.Windows.Count];
                        var lines = new int[scan.Windows.Count];
                        for (var i = 0; i < hashes.Length; i++)
                        {
                            (hashes[i], lines[i]) = scan.Windows[i];
                        }

                        windows.Add(new(file.Path, hashes, lines));
                    }
                }
            }
        }

        void Skip(string path, string why, bool bad)
        {
            if (!reportSkips)
            {
                return;
            }

            skipped.Add(new(path, why));
            if (bad)
            {
                findings.Add(new Finding(PrimeRules.Unanalysable.Id, PrimeRules.Unanalysable.DefaultSeverity, $"Not analysed: {why}. Fix the file or raise maxFileBytes if it should be counted.", path));
            }
        }
    }

    // Reads until the buffer is full or the file ends (a file that grew since its length was read is cut at that length).
    private static int ReadAll(SafeFileHandle handle, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[total..], total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
