using System.Text;
using System.Text.Json;
using ParallelAgents.Abstractions;
using ParallelAgents.Commands.Docs;
using ParallelAgents.Engine.Commands;
using ParallelAgents.Engine.Planning;

namespace ParallelAgents.Commands.Tests.Docs;

public sealed class DocsCommandTests
{
    private static Task<(Assessment Assessment, IReadOnlyList<ItemResult> Results, ReportSection Section)> Run(TempTree tree, string options = "{}") =>
        CommandHarness.RunAsync(new DocsCommand(), tree.Root, options);

    [Fact]
    public async Task Items_are_keyed_by_document_type_and_the_pool_allows_six()
    {
        using var tree = new TempTree()
            .Write("README.md", "# P\n")
            .Write("CLAUDE.md", "# Rules\n")
            .Write("docs/api/endpoints.md", "# API\n")
            .Write("docs/openapi.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
            .Write("docs/architecture/overview.md", "# Arch\n")
            .Write("docs/adr/0001-use-orleans.md", "# ADR\n")
            .Write("docs/guide.md", "# Guide\n")
            .Write("node_modules/x/README.md", "ignored")
            .Write("src/App/App.csproj", "<Project />")
            .Write("src/App/Thing.cs", "namespace A; public class Thing {}");
        var (assessment, results, _) = await Run(tree);
        var keys = assessment.Items.ToDictionary(i => i.Payload!.StartsWith('{') ? i.Id : i.Payload!, i => i.Key);
        Assert.Equal("readme", keys["README.md"]);
        Assert.Equal("agent-instructions", keys["CLAUDE.md"]);
        Assert.Equal("api", keys["docs/api/endpoints.md"]);
        Assert.Equal("api", keys["docs/openapi.yaml"]);
        Assert.Equal("architecture", keys["docs/architecture/overview.md"]);
        Assert.Equal("architecture", keys["docs/adr/0001-use-orleans.md"]);
        Assert.Equal("guides", keys["docs/guide.md"]);
        Assert.Equal("code-docs", keys["code:csharp:src/App"]);
        Assert.DoesNotContain(assessment.Items, i => i.Payload!.Contains("node_modules", StringComparison.Ordinal));
        Assert.Equal(6, new DocsCommand().Descriptor.Pool.MaxInstances);
        var plan = JobPlanner.Plan(assessment.Items, PoolSettings.Resolve(new DocsCommand().Descriptor.Pool, CommandOptions.Parse("{\"itemsPerInstance\":1}")), PartitionStrategy.Keyed);
        Assert.Equal(6, plan.Segments.Count);
        Assert.All(results, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task Broken_relative_links_anchors_and_images_are_reported_working_ones_are_not()
    {
        using var tree = new TempTree()
            .Write("docs/a.md", "# A\n\n## Second Part\n\n[ok](b.md) [ok-anchor](b.md#details) [ok-dir](../src/) [self](#second-part)\n[gone](missing.md) [bad-anchor](b.md#nope) [bad-self](#nothing)\n![img](img/logo.png) ![ok-img](img/real.png)\n[root](/README.md) [ext](https://example.com/x) [mail](mailto:a@b.c)\n")
            .Write("docs/b.md", "# B\n\n## Details\n")
            .Write("docs/img/real.png", "png")
            .Write("src/x.txt", "x")
            .Write("README.md", "# R\n\n## Install\n\n## Usage\n");
        var (_, _, section) = await Run(tree);
        var links = section.Findings.Where(f => f.RuleId is DocsRules.BrokenRelativeLink or DocsRules.BrokenAnchor or DocsRules.MissingImage)
            .Select(f => $"{f.RuleId} {f.File}:{f.Line} {f.Properties!["target"]}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [
                "DOC001 docs/a.md:6 missing.md",
                "DOC002 docs/a.md:6 #nothing",
                "DOC002 docs/a.md:6 b.md#nope",
                "DOC003 docs/a.md:7 img/logo.png",
            ],
            links);
    }

    [Fact]
    public async Task Readme_needs_an_h1_and_the_configured_sections()
    {
        using var tree = new TempTree().Write("README.md", "Intro\n\n## Install\n\nnpm i\n").Write("sub/README.md", "## Sub\n");
        var (_, _, section) = await Run(tree);
        Assert.Contains(section.Findings, f => f.RuleId == DocsRules.ReadmeWithoutTitle && f.File == "README.md");
        Assert.Contains(section.Findings, f => f.RuleId == DocsRules.ReadmeWithoutTitle && f.File == "sub/README.md");
        var missing = section.Findings.Where(f => f.RuleId == DocsRules.ReadmeMissingSection).Select(f => f.Properties!["section"]).ToArray();
        Assert.Equal(["usage"], missing);

        var (_, _, custom) = await Run(tree, """{"readmeSections":["license|licence"]}""");
        Assert.Equal(["license"], custom.Findings.Where(f => f.RuleId == DocsRules.ReadmeMissingSection).Select(f => f.Properties!["section"]).ToArray());
    }

    [Fact]
    public async Task Agent_instructions_mention_only_paths_scripts_and_targets_that_exist()
    {
        using var tree = new TempTree()
            .Write("CLAUDE.md", "# Rules\n\nBuild with `dotnet build src/App/App.csproj` and run `scripts/test.sh`.\nSee `src/Gone/Gone.csproj` and `docs/missing.md`.\nMIME `application/json` is not a path.\n\n```bash\nnpm run lint\nnpm run build\nmake check\nmake deploy\n./scripts/absent.sh --fast\ngit checkout origin/main\n```\n")
            .Write("src/App/App.csproj", "<Project />")
            .Write("scripts/test.sh", "#!/bin/sh\n")
            .Write("package.json", """{"scripts":{"build":"tsc"}}""")
            .Write("Makefile", "check:\n\techo ok\n");
        var (_, _, section) = await Run(tree);
        var paths = section.Findings.Where(f => f.RuleId == DocsRules.InstructionPathMissing).Select(f => f.Properties!["mentioned"]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["docs/missing.md", "scripts/absent.sh", "src/Gone/Gone.csproj"], paths);
        var scripts = section.Findings.Where(f => f.RuleId == DocsRules.InstructionScriptMissing).Select(f => f.Properties!["script"]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["deploy", "lint"], scripts);
    }

    [Fact]
    public async Task OpenApi_documents_are_read_and_validated()
    {
        using var tree = new TempTree()
            .Write("api/openapi.yaml", "openapi: 3.0.1\ninfo:\n  title: Jobs\n  version: '1.0'\npaths:\n  /jobs:\n    get:\n      responses:\n        '200':\n          description: OK\n")
            .Write("api/swagger.json", """{"openapi":"3.0.1","info":{"title":"x","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}}}}},"components":{"schemas":{"B":{"type":"object","required":["missing"]}}}}""")
            .Write("api/broken.openapi.json", "{\"openapi\": \"3.0.1\", \"info\": {")
            .Write("api/noinfo.openapi.yaml", "openapi: 3.0.1\npaths:\n  /x:\n    get:\n      responses:\n        '200':\n          description: OK\n");
        var (_, results, section) = await Run(tree);
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.DoesNotContain(section.Findings, f => f.File == "api/openapi.yaml");
        Assert.Contains(section.Findings, f => f.File == "api/broken.openapi.json" && f.RuleId is DocsRules.OpenApiUnreadable or DocsRules.OpenApiInvalid);
        Assert.Contains(section.Findings, f => f.File == "api/noinfo.openapi.yaml" && f.RuleId == DocsRules.OpenApiInvalid);
    }

    [Fact]
    public async Task Coverage_counts_documented_public_symbols_per_project_and_language()
    {
        using var tree = new TempTree()
            .Write("src/Lib/Lib.csproj", "<Project />")
            .Write("src/Lib/Api.cs", "namespace L;\n/// <summary>Doc.</summary>\npublic sealed class Api\n{\n    /// <summary>Run.</summary>\n    public void Run() {}\n    public int Count { get; }\n    private void Hidden() {}\n    internal void Inner() {}\n}\ninternal class Secret { public void X() {} }\npublic interface IThing { void Go(); }\npublic enum Color { Red }\n")
            .Write("py/pyproject.toml", "[project]\nname='p'\n")
            .Write("py/mod.py", "def public():\n    \"\"\"Doc.\"\"\"\n    return 1\n\ndef _private():\n    pass\n\nclass Thing:\n    def method(self):\n        pass\n\n    def _hidden(self):\n        pass\n")
            .Write("web/package.json", "{}")
            .Write("web/index.ts", "/** Adds. */\nexport function add(a: number, b: number) { return a + b; }\nexport const x = 1;\nfunction local() {}\n/**\n * A class.\n */\nexport class K {}\n")
            .Write("go/go.mod", "module m\n")
            .Write("go/m.go", "package m\n\n// Run runs.\nfunc Run() {}\n\nfunc Stop() {}\n\nfunc hidden() {}\n\ntype T struct{}\n\n// M documents.\nfunc (t *T) M() {}\n");
        var (_, _, section) = await Run(tree, """{"minDocCoverage":0.6}""");
        using var data = JsonDocument.Parse(section.DataJson!);
        var projects = data.RootElement.GetProperty("coverage").GetProperty("projects").EnumerateArray()
            .ToDictionary(p => p.GetProperty("language").GetString()!, p => (p.GetProperty("symbols").GetInt32(), p.GetProperty("documented").GetInt32()));
        Assert.Equal((7, 2), projects["csharp"]); // Api, Run, Count, IThing, IThing.Go, Color, Color.Red
        Assert.Equal((3, 1), projects["python"]);
        Assert.Equal((3, 2), projects["javascript"]);
        Assert.Equal((4, 2), projects["go"]);
        var total = data.RootElement.GetProperty("coverage").GetProperty("total");
        Assert.Equal(17, total.GetProperty("symbols").GetInt32());
        Assert.Equal(7, total.GetProperty("documented").GetInt32());
        Assert.Contains(section.Findings, f => f.RuleId == DocsRules.UndocumentedSymbol && f.File == "src/Lib/Api.cs" && f.Properties!["symbol"] == "Api.Count");
        var below = section.Findings.Where(f => f.RuleId == DocsRules.CoverageBelowMinimum).Select(f => f.Properties!["language"]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["csharp", "go", "python"], below);
        Assert.Contains("Code-doc coverage", section.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_becomes_findings_on_the_file_never_a_failed_item()
    {
        using var tree = new TempTree()
            .WriteBytes("docs/latin1.md", [.. Encoding.ASCII.GetBytes("# Caf"), 0xE9, .. Encoding.ASCII.GetBytes("\n\n[x](gone.md)\n")])
            .WriteBytes("docs/binary.md", [0x23, 0x20, 0x00, 0x01, 0x02])
            .Write("docs/html.md", "<div align=\"center\">\n<h1 id=\"top\">Title</h1>\n<a href=\"missing.html\">x</a> <img src=\"nope.png\">\n<table><tr><td><a href=\"#top\">up</a>\n" + string.Concat(Enumerable.Repeat("<div><span><b>", 500)) + "\n</td></tr></table>\n</div>\n")
            .Write("api/openapi.json", "{ this is : not json ]");
        var big = Path.Combine(tree.Root, "docs", "huge.md");
        using (var writer = new StreamWriter(big, false, new UTF8Encoding(false)))
        {
            var line = "Lorem ipsum dolor sit amet, [link](nowhere.md) consectetur adipiscing elit.\n";
            for (long written = 0; written < 20L * 1024 * 1024; written += line.Length)
            {
                writer.Write(line);
            }
        }

        var (_, results, section) = await Run(tree);
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Contains(section.Findings, f => f.RuleId == DocsRules.NotUtf8 && f.File == "docs/latin1.md" && f.Line == 1);
        Assert.Contains(section.Findings, f => f.RuleId == DocsRules.BrokenRelativeLink && f.File == "docs/latin1.md");
        Assert.Contains(section.Findings, f => f.RuleId == DocsRules.BinaryFile && f.File == "docs/binary.md");
        Assert.Contains(section.Findings, f => f.RuleId == DocsRules.FileTooLarge && f.File == "docs/huge.md");
        Assert.DoesNotContain(section.Findings, f => f.File == "docs/huge.md" && f.RuleId != DocsRules.FileTooLarge);
        Assert.Contains(section.Findings, f => f.RuleId == DocsRules.BrokenRelativeLink && f.File == "docs/html.md" && f.Properties!["target"] == "missing.html");
        Assert.Contains(section.Findings, f => f.RuleId == DocsRules.MissingImage && f.File == "docs/html.md" && f.Properties!["target"] == "nope.png");
        Assert.DoesNotContain(section.Findings, f => f.RuleId == DocsRules.BrokenAnchor && f.File == "docs/html.md");
        Assert.Contains(section.Findings, f => f.RuleId is DocsRules.OpenApiUnreadable && f.File == "api/openapi.json");
    }

    [Fact]
    public async Task The_size_limit_is_configurable()
    {
        using var tree = new TempTree().Write("docs/a.md", "# A\n\n" + new string('x', 3000) + "\n");
        var (_, _, defaults) = await Run(tree);
        Assert.DoesNotContain(defaults.Findings, f => f.RuleId == DocsRules.FileTooLarge);
        var (_, _, limited) = await Run(tree, """{"maxFileBytes":1000}""");
        Assert.Contains(limited.Findings, f => f.RuleId == DocsRules.FileTooLarge && f.File == "docs/a.md");
    }

    [Fact]
    public async Task Report_groups_by_document_type_and_rule()
    {
        using var tree = new TempTree().Write("README.md", "# R\n\n## Install\n\n## Usage\n\n[x](nope.md)\n").Write("docs/g.md", "# G\n\n### skip\n");
        var (_, _, section) = await Run(tree);
        using var data = JsonDocument.Parse(section.DataJson!);
        Assert.Equal(1, data.RootElement.GetProperty("findingsByType").GetProperty("readme").GetInt32());
        Assert.Equal(1, data.RootElement.GetProperty("findingsByRule").GetProperty("MD001").GetInt32());
        Assert.Contains("| readme | 1 | 1 |", section.Markdown, StringComparison.Ordinal);
        Assert.Contains("| DOC001 | BrokenRelativeLink | 1 |", section.Markdown, StringComparison.Ordinal);
        Assert.Contains(section.Rules, r => r.Id == "MD041");
    }
}
