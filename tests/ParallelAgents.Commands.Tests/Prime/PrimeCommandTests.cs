using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Prime;
using ParallelAgents.Engine.Commands;

namespace ParallelAgents.Commands.Tests.Prime;

/// <summary>The prime command end to end through the harness: modes, skipped files, graph, debt, duplicates, shared index.</summary>
public sealed class PrimeCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "prime-tests-" + Guid.NewGuid().ToString("N"));

    public PrimeCommandTests()
    {
        Directory.CreateDirectory(_root);
    }

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
    public async Task Focused_mode_has_one_item_per_aspect_and_files_mode_gives_the_same_counts()
    {
        WriteSampleTree();
        var (focused, _, focusedSection) = await CommandHarness.RunAsync(new PrimeCommand(), _root, """{"mode":"focused"}""");
        var (files, _, filesSection) = await CommandHarness.RunAsync(new PrimeCommand(), _root, """{"mode":"files","batchFiles":2}""");

        Assert.Equal(["debt", "dependencies", "hotspots", "patterns", "structure"], focused.Items.Select(i => i.Key).Order());
        Assert.Equal(PartitionStrategy.Keyed, focused.Strategy);
        Assert.Equal(PartitionStrategy.Balanced, files.Strategy);
        Assert.True(files.Items.Count >= 3);
        Assert.All(files.Items, i => Assert.True(i.Cost > 0));

        using var a = JsonDocument.Parse(focusedSection.DataJson!);
        using var b = JsonDocument.Parse(filesSection.DataJson!);
        Assert.Equal("focused", a.RootElement.GetProperty("mode").GetString());
        Assert.Equal("files", b.RootElement.GetProperty("mode").GetString());
        Assert.Equal(a.RootElement.GetProperty("languages").GetRawText(), b.RootElement.GetProperty("languages").GetRawText());
        Assert.Equal(a.RootElement.GetProperty("dependencies").GetProperty("cycles").GetRawText(), b.RootElement.GetProperty("dependencies").GetProperty("cycles").GetRawText());
        Assert.Contains("files mode", filesSection.Markdown);
    }

    [Fact]
    public async Task Files_mode_is_chosen_automatically_above_the_threshold_and_the_report_says_so()
    {
        WriteSampleTree();
        var (assessment, _, section) = await CommandHarness.RunAsync(new PrimeCommand(), _root, """{"filesModeThreshold":3}""");
        Assert.Equal(PartitionStrategy.Balanced, assessment.Strategy);
        Assert.Contains(assessment.Notes!, n => n.Contains("files", StringComparison.Ordinal) && n.Contains("threshold", StringComparison.Ordinal));
        Assert.Contains(section.Notes!, n => n.Contains("files mode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Python_import_cycle_is_a_finding_with_file_and_line_and_the_graph_has_mermaid()
    {
        WriteSampleTree();
        var (_, _, section) = await CommandHarness.RunAsync(new PrimeCommand(), _root);
        var cycle = Assert.Single(section.Findings, f => f.RuleId == PrimeRules.Cycle.Id);
        Assert.Equal("pkg/a.py", cycle.File);
        Assert.Equal(1, cycle.Line);
        Assert.Contains("pkg/b.py", cycle.Message);

        using var data = JsonDocument.Parse(section.DataJson!);
        var deps = data.RootElement.GetProperty("dependencies");
        Assert.StartsWith("flowchart LR", deps.GetProperty("mermaid").GetString());
        Assert.Contains(deps.GetProperty("edges").EnumerateArray(), e => e[0].GetString() == "web/app.ts" && e[1].GetString() == "web/util.ts");
        Assert.Contains(deps.GetProperty("orphans").EnumerateArray(), o => o.GetString() == "lonely.py");
        Assert.Contains("```mermaid", section.Markdown);
    }

    [Fact]
    public async Task Debt_markers_long_functions_and_duplicates_are_reported_with_locations()
    {
        WriteSampleTree();
        var (_, _, section) = await CommandHarness.RunAsync(new PrimeCommand(), _root, """{"longFunctionLines":10}""");
        var todo = Assert.Single(section.Findings, f => f.RuleId == PrimeRules.Todo.Id);
        Assert.Equal(("web/app.ts", 3), (todo.File, todo.Line));
        Assert.Contains(section.Findings, f => f.RuleId == PrimeRules.Fixme.Id && f.File == "src/Calc.cs");
        Assert.Contains(section.Findings, f => f.RuleId == PrimeRules.LongFunction.Id && f.File == "src/Calc.cs" && f.Message.Contains("Long", StringComparison.Ordinal));
        Assert.Contains(section.Findings, f => f.RuleId == PrimeRules.Duplicate.Id && f.File == "src/Copy1.cs");
    }

    [Fact]
    public async Task Binary_generated_minified_large_and_non_utf8_files_are_skipped_and_listed_never_failed()
    {
        WriteSampleTree();
        File.WriteAllBytes(Path.Combine(_root, "blob.js"), [0x41, 0x00, 0x42, 0x0A]);
        File.WriteAllText(Path.Combine(_root, "Gen.g.cs"), "class G {}\n");
        File.WriteAllText(Path.Combine(_root, "header.cs"), "// <auto-generated>\nclass H {}\n");
        File.WriteAllText(Path.Combine(_root, "bundle.js"), "var a=1;" + new string('x', 3000) + "\n");
        File.WriteAllText(Path.Combine(_root, "huge.py"), new string('#', 5000));
        File.WriteAllBytes(Path.Combine(_root, "latin1.py"), [(byte)'x', (byte)'=', (byte)'"', 0xE9, (byte)'"', 0x0A]);
        if (!OperatingSystem.IsWindows())
        {
            File.CreateSymbolicLink(Path.Combine(_root, "loop.cs"), Path.Combine(_root, "loop.cs"));
        }

        var (_, results, section) = await CommandHarness.RunAsync(new PrimeCommand(), _root, """{"maxFileBytes":4000}""");
        Assert.All(results, r => Assert.Null(r.Error));
        using var data = JsonDocument.Parse(section.DataJson!);
        var skipped = data.RootElement.GetProperty("skipped").EnumerateArray()
            .ToDictionary(s => s.GetProperty("path").GetString()!, s => s.GetProperty("reason").GetString()!);
        Assert.Equal("binary", skipped["blob.js"]);
        Assert.StartsWith("generated", skipped["Gen.g.cs"]);
        Assert.StartsWith("generated", skipped["header.cs"]);
        Assert.StartsWith("minified", skipped["bundle.js"]);
        Assert.StartsWith("larger than the limit", skipped["huge.py"]);
        Assert.Equal("not UTF-8 text", skipped["latin1.py"]);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal("broken or looping link", skipped["loop.cs"]);
        }

        Assert.Contains(section.Findings, f => f.RuleId == PrimeRules.Unanalysable.Id && f.File == "latin1.py");
    }

    [Fact]
    public async Task Gitignored_files_are_left_out_and_nested_rules_apply()
    {
        WriteSampleTree();
        Write(".gitignore", "build/\n*.log.py\n/top-only.py\n");
        Write("build/out.py", "x = 1\n");
        Write("deep/top-only.py", "x = 1\n");
        Write("top-only.py", "x = 1\n");
        Write("deep/.gitignore", "*.py\n!keep.py\n");
        Write("deep/drop.py", "x = 1\n");
        Write("deep/keep.py", "x = 1\n");
        Write("a.log.py", "x = 1\n");

        var (_, _, section) = await CommandHarness.RunAsync(new PrimeCommand(), _root, """{"mode":"files"}""");
        using var data = JsonDocument.Parse(section.DataJson!);
        var largestPaths = Paths(section);
        Assert.Contains("deep/keep.py", largestPaths);
        Assert.DoesNotContain("deep/drop.py", largestPaths);
        Assert.DoesNotContain("deep/top-only.py", largestPaths);
        Assert.DoesNotContain("top-only.py", largestPaths);
        Assert.DoesNotContain("build/out.py", largestPaths);
        Assert.DoesNotContain("a.log.py", largestPaths);
        Assert.True(data.RootElement.GetProperty("gitignore").GetProperty("ignoredDirectories").GetInt32() >= 1);
    }

    [Fact]
    public async Task The_file_index_is_built_once_per_silo_and_shared_by_every_item()
    {
        WriteSampleTree();
        var services = new ServiceCollection().AddBuiltInCommands().BuildServiceProvider();
        var command = services.GetServices<IAgentCommand>().OfType<PrimeCommand>().Single();
        await CommandHarness.RunAsync(command, _root, """{"mode":"files","batchFiles":1}""", services);
        Assert.Equal(1, services.GetRequiredService<FileIndexCache>().Builds);
    }

    private static HashSet<string> Paths(ParallelAgents.Engine.Commands.ReportSection section)
    {
        using var data = JsonDocument.Parse(section.DataJson!);
        return data.RootElement.GetProperty("hotspots").GetProperty("largest").EnumerateArray().Select(e => e.GetProperty("path").GetString()!).ToHashSet();
    }

    [Fact]
    public void Item_data_in_the_earlier_object_form_merges_into_the_same_report()
    {
        // Results stored by a job that ran while the service was upgraded: raw imports, object records, one window each.
        WriteSampleTree();
        var index = FileIndexBuilder.Build(_root, 2_000_000, respectGitIgnore: true);
        var settings = PrimeSettings.From(CommandOptions.Parse("{}"));
        var workspace = new ParallelAgents.Engine.Workspaces.Workspace(_root);
        var files = index.Files.Where(f => f.Language is not null).ToArray();
        var (current, findings) = FileAnalyzer.Analyze(workspace, files, PrimeAspect.All, settings, 1, CancellationToken.None, ImportTree.For(index));
        var (raw, _) = FileAnalyzer.Analyze(workspace, files, PrimeAspect.All, settings, 1, CancellationToken.None);
        var earlier = JsonSerializer.Serialize(new
        {
            aspects = raw.Aspects,
            files = raw.Files.Select(f => new { path = f.Path, language = f.Language, bytes = f.Bytes, code = f.Code, comment = f.Comment, blank = f.Blank, complexity = f.Complexity }),
            skipped = raw.Skipped,
            imports = raw.Imports.Select(i => new { path = i.Path, language = i.Language, uses = i.Uses.Select(u => new { spec = u.Spec, line = u.Line }), declares = i.Declares }),
            longFunctions = raw.LongFunctions,
            windows = raw.Windows.SelectMany(w => w.Hashes.Select((h, k) => new { hash = h, path = w.Path, line = w.Lines[k] })),
            markers = raw.Markers,
        });
        Assert.Contains("\"uses\":[{\"spec\"", earlier, StringComparison.Ordinal);
        Assert.DoesNotContain("\"resolved\"", earlier, StringComparison.Ordinal);

        var now = PrimeAggregator.Aggregate([new ItemResult("files-00000", findings, JsonSerializer.Serialize(current, PrimeJson.Options), 1, null)], index, settings, PrimeCommand.FilesMode);
        var then = PrimeAggregator.Aggregate([new ItemResult("files-00000", findings, earlier, 1, null)], index, settings, PrimeCommand.FilesMode);

        using var data = JsonDocument.Parse(now.DataJson!);
        Assert.True(data.RootElement.GetProperty("dependencies").GetProperty("edgeCount").GetInt32() >= 3);
        Assert.True(data.RootElement.GetProperty("patterns").GetProperty("duplicatedBlocks").GetInt32() >= 1);
        Assert.Equal(now.DataJson, then.DataJson);
        Assert.Equal(now.Markdown, then.Markdown);
    }

    private void WriteSampleTree()
    {
        Write("pkg/__init__.py", "");
        Write("pkg/a.py", "from pkg import b\n\ndef fa():\n    return b.fb()\n");
        Write("pkg/b.py", "from . import a\nimport os\n\ndef fb():\n    return 1\n");
        Write("lonely.py", "print('alone')\n");
        Write("web/app.ts", "import { util } from \"./util\";\nimport React from 'react';\n// TODO: wire the router\nexport const app = util(1);\n");
        Write("web/util.ts", "export function util(x: number) { return x > 0 ? x : -x; }\n");
        var body = new StringBuilder("namespace Sample;\n\npublic static class Calc\n{\n    // FIXME: overflow\n    public static int Long(int x)\n    {\n");
        for (var i = 0; i < 15; i++)
        {
            body.Append("        if (x > ").Append(i).Append(") { x += ").Append(i).Append("; }\n");
        }

        body.Append("        return x;\n    }\n}\n");
        Write("src/Calc.cs", body.ToString());
        var extra = string.Concat(Enumerable.Range(0, 20).Select(i => $"        total += items.Length * {i};\n"));
        var shared = extra + "        var total = 0;\n        var count = items.Length;\n        Console.WriteLine(count);\n        foreach (var item in items)\n        {\n            total += item.Price * item.Quantity;\n            Console.WriteLine(item.Name);\n        }\n        return total;\n";
        Write("src/Copy1.cs", "class Copy1\n{\n    int Sum(Item[] items)\n    {\n" + shared + "    }\n}\n");
        Write("src/Copy2.cs", "class Copy2\n{\n    int Total(Item[] items)\n    {\n" + shared + "    }\n}\n");
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
