using System.Text;
using ParallelAgents.Abstractions;

namespace ParallelAgents.Commands.Docs;

/// <summary>
/// Builds the patch set for <c>update</c>: a table of contents for long documents, fixes for relative links whose
/// target moved (exactly one file with the same name), and a generated docs index. Then checks the set as a whole.
/// </summary>
public sealed class PatchPlanner
{
    /// <summary>Marks the start of the generated docs index.</summary>
    public const string IndexStart = "<!-- docs-index:start -->";

    /// <summary>Marks the end of the generated docs index.</summary>
    public const string IndexEnd = "<!-- docs-index:end -->";

    /// <summary>Where the docs index lives.</summary>
    public const string IndexPath = "docs/README.md";

    private readonly IReadOnlyDictionary<string, DocumentData> _documents;
    private readonly Func<string, string?> _read;
    private readonly Func<string, bool> _exists;
    private readonly Func<string, bool> _isDirectory;
    private readonly ILookup<string, string> _filesByName;

    /// <summary>Creates a planner over the analysed documents and a read-only view of the workspace.</summary>
    public PatchPlanner(IReadOnlyDictionary<string, DocumentData> documents, IReadOnlyList<string> files, Func<string, string?> read, Func<string, bool> exists, Func<string, bool> isDirectory)
    {
        _documents = documents;
        _read = read;
        _exists = exists;
        _isDirectory = isDirectory;
        _filesByName = files.ToLookup(f => f[(f.LastIndexOf('/') + 1)..], StringComparer.Ordinal);
    }

    /// <summary>The proposed patches, one per file, in path order.</summary>
    public IReadOnlyList<ProposedPatch> Plan(IReadOnlyList<Finding> brokenLinks, int tocMinHeadings)
    {
        var edits = new Dictionary<string, (List<LineEdit> Edits, SortedSet<string> Kinds)>(StringComparer.Ordinal);
        var linkChecker = new LinkChecker(_exists, _isDirectory, p => _documents.GetValueOrDefault(p));

        foreach (var group in brokenLinks.Where(f => f.File is not null && f.Line is not null && f.Properties?.ContainsKey("target") == true).GroupBy(f => (f.File!, f.Line!.Value)))
        {
            var (path, lineNumber) = group.Key;
            var text = _read(path);
            if (text is null || !_documents.TryGetValue(path, out var document))
            {
                continue;
            }

            var lines = UnifiedDiff.Lines(text);
            if (lineNumber > lines.Count)
            {
                continue;
            }

            var line = lines[lineNumber - 1];
            var changed = line;
            foreach (var finding in group)
            {
                var raw = finding.Properties!["target"];
                var replacement = MovedTarget(document, raw, linkChecker);
                if (replacement is null)
                {
                    continue;
                }

                changed = ReplaceTarget(changed, raw, replacement) ?? changed;
            }

            if (!string.Equals(changed, line, StringComparison.Ordinal))
            {
                Add(edits, path, new LineEdit(lineNumber - 1, 1, [changed]), "link-fix");
            }
        }

        foreach (var document in _documents.Values.Where(d => d.Analysed && !d.HasToc && d.FirstLineH1).OrderBy(d => d.Path, StringComparer.Ordinal))
        {
            var entries = document.Headings.Where(h => h.Level is 2 or 3).ToArray();
            if (entries.Length < tocMinHeadings)
            {
                continue;
            }

            var text = _read(document.Path);
            if (text is null)
            {
                continue;
            }

            var lines = UnifiedDiff.Lines(text);
            var h1 = document.Headings.First(h => h.Level == 1).Line - 1;
            if (h1 >= lines.Count || (edits.TryGetValue(document.Path, out var existing) && existing.Edits.Any(e => e.Start == h1)))
            {
                continue;
            }

            var nl = UnifiedDiff.NewlineOf(text);
            var insert = new List<string> { lines[h1].EndsWith('\n') ? lines[h1] : lines[h1] + nl, nl, "## Contents" + nl, nl };
            foreach (var heading in entries)
            {
                insert.Add($"{new string(' ', (heading.Level - 2) * 2)}- [{EscapeLabel(heading.Text)}](#{heading.Slug}){nl}");
            }

            if (h1 + 1 >= lines.Count || lines[h1 + 1].Trim().Length > 0)
            {
                insert.Add(nl);
            }

            Add(edits, document.Path, new LineEdit(h1, 1, insert), "toc");
        }

        var patches = new List<ProposedPatch>();
        foreach (var (path, (fileEdits, kinds)) in edits.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var text = _read(path)!;
            var merged = fileEdits.OrderBy(e => e.Start).ToList();
            var accepted = new List<LineEdit>();
            foreach (var edit in merged)
            {
                if (accepted.Count > 0 && edit.Start < accepted[^1].Start + accepted[^1].DeleteCount)
                {
                    continue;
                }

                accepted.Add(edit);
            }

            var diff = UnifiedDiff.ForEdits(path, text, accepted, out _);
            patches.Add(new ProposedPatch(path, kinds.ToArray(), diff));
        }

        var index = IndexPatch();
        if (index is not null && patches.All(p => p.Path != index.Path))
        {
            patches.Add(index);
        }

        return patches.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Checks the patch set as a whole: it applies to the current content, and every link on a line it adds resolves in
    /// the patched workspace. Null when it passes, otherwise every reason.
    /// </summary>
    public IReadOnlyList<string>? Verify(IReadOnlyList<ProposedPatch> patches, int lineLength)
    {
        IReadOnlyDictionary<string, (string Text, IReadOnlyList<int> AddedLines)> applied;
        try
        {
            applied = PatchApplier.Apply(string.Concat(patches.Select(p => p.Diff)), _read);
        }
        catch (PatchException e)
        {
            return [$"the patch set does not apply: {e.Message}"];
        }

        var patchedDocuments = new Dictionary<string, DocumentData>(_documents, StringComparer.Ordinal);
        foreach (var (path, (text, _)) in applied)
        {
            if (DocumentTypes.IsMarkdown(path))
            {
                var type = _documents.TryGetValue(path, out var before) ? before.Type : DocumentTypes.ClassifyMarkdown(path);
                patchedDocuments[path] = MarkdownInspector.Inspect(path, type, Encoding.UTF8.GetByteCount(text), text, lineLength, []);
            }
        }

        bool Exists(string p) => applied.ContainsKey(p) || _exists(p) || applied.Keys.Any(k => k.StartsWith(p + "/", StringComparison.Ordinal));
        var checker = new LinkChecker(Exists, _isDirectory, p => patchedDocuments.GetValueOrDefault(p));
        var problems = new List<string>();
        foreach (var (path, (_, added)) in applied)
        {
            if (!patchedDocuments.TryGetValue(path, out var document))
            {
                continue;
            }

            var addedLines = added.ToHashSet();
            foreach (var link in document.Links.Where(l => addedLines.Contains(l.Line)))
            {
                var finding = checker.Check(document, link);
                if (finding is not null)
                {
                    problems.Add($"{path}:{link.Line}: {finding.Message}");
                }
            }
        }

        return problems.Count == 0 ? null : problems;
    }

    private ProposedPatch? IndexPatch()
    {
        var docs = _documents.Values
            .Where(d => d.Path.StartsWith("docs/", StringComparison.Ordinal) && d.Path != IndexPath)
            .OrderBy(d => DocumentTypes.All.ToList().IndexOf(d.Type))
            .ThenBy(d => d.Path, StringComparer.Ordinal)
            .ToArray();
        if (docs.Length == 0)
        {
            return null;
        }

        var existing = _read(IndexPath);
        var nl = existing is null ? "\n" : UnifiedDiff.NewlineOf(existing);
        var entries = docs.Select(d => $"- [{EscapeLabel(d.Title ?? System.IO.Path.GetFileNameWithoutExtension(d.Path))}]({EscapeTarget(LinkTarget.RelativeFrom(IndexPath, d.Path))}) ({d.Type}){nl}").ToList();
        if (existing is null)
        {
            var text = new StringBuilder();
            text.Append("# Documentation").Append(nl).Append(nl).Append("Generated index of the documents under docs/.").Append(nl).Append(nl);
            text.Append(IndexStart).Append(nl);
            foreach (var entry in entries)
            {
                text.Append(entry);
            }

            text.Append(IndexEnd).Append(nl);
            return new ProposedPatch(IndexPath, ["docs-index"], UnifiedDiff.ForNewFile(IndexPath, text.ToString()));
        }

        var lines = UnifiedDiff.Lines(existing);
        var start = lines.FindIndex(l => l.Trim() == IndexStart);
        var end = lines.FindIndex(l => l.Trim() == IndexEnd);
        if (start < 0 || end <= start)
        {
            return null;
        }

        var current = lines.Skip(start + 1).Take(end - start - 1).ToArray();
        if (current.SequenceEqual(entries, StringComparer.Ordinal))
        {
            return null;
        }

        var diff = UnifiedDiff.ForEdits(IndexPath, existing, [new LineEdit(start + 1, end - start - 1, entries)], out _);
        return new ProposedPatch(IndexPath, ["docs-index"], diff);
    }

    private string? MovedTarget(DocumentData document, string raw, LinkChecker checker)
    {
        var target = LinkTarget.Parse(raw);
        if (target.Kind != LinkKind.Relative)
        {
            return null;
        }

        var name = target.Path.TrimEnd('/').Split('/')[^1];
        var candidates = _filesByName[name].ToArray();
        if (candidates.Length != 1)
        {
            return null;
        }

        var fragmentIndex = raw.IndexOf('#');
        var fragment = fragmentIndex >= 0 ? raw[fragmentIndex..] : string.Empty;
        var replacement = LinkTarget.RelativeFrom(document.Path, candidates[0]);
        if (target.Fragment is { Length: > 0 } && DocumentTypes.IsMarkdown(candidates[0])
            && (!_documents.TryGetValue(candidates[0], out var moved) || !checker.HasAnchor(moved, target.Fragment)))
        {
            return null;
        }

        return EscapeTarget(replacement) + fragment;
    }

    private static string? ReplaceTarget(string line, string raw, string replacement)
    {
        foreach (var (prefix, suffix) in new[] { ("](", ")"), ("](", " "), ("](<", ">"), ("]: ", string.Empty), ("href=\"", "\""), ("src=\"", "\""), ("href='", "'"), ("src='", "'") })
        {
            var needle = prefix + raw + suffix;
            var index = line.IndexOf(needle, StringComparison.Ordinal);
            if (index >= 0)
            {
                return line[..index] + prefix + replacement + suffix + line[(index + needle.Length)..];
            }
        }

        return null;
    }

    private static void Add(Dictionary<string, (List<LineEdit> Edits, SortedSet<string> Kinds)> edits, string path, LineEdit edit, string kind)
    {
        if (!edits.TryGetValue(path, out var entry))
        {
            entry = ([], new SortedSet<string>(StringComparer.Ordinal));
            edits[path] = entry;
        }

        entry.Edits.Add(edit);
        entry.Kinds.Add(kind);
    }

    private static string EscapeLabel(string text) => text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);

    private static string EscapeTarget(string path) => path.Replace(" ", "%20", StringComparison.Ordinal).Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal);
}
