using System.Text;
using ParallelAgents.Commands.Prime;

namespace ParallelAgents.Commands.Tests.Prime;

/// <summary>The scanner's debt markers: the note as the report shows it, and repeated notes kept once.</summary>
public sealed class SourceScannerTests
{
    private static readonly Language CSharp = LanguageCatalog.Detect("a.cs")!;

    [Fact]
    public void A_note_loses_comment_closers_and_surrounding_white_space_and_is_cut_at_160_characters()
    {
        var source = "/* TODO: close the pool */\n// FIXME: trailing nbsp\u00a0 */\u00a0\n<!-- HACK: html arrow -->\nint x; // XXX " + new string('y', 200) + "\n";
        var scan = SourceScanner.Scan(CSharp, Encoding.UTF8.GetBytes(source), PrimeAspect.Debt, 0, 1);

        Assert.Equal(("TODO", 1, "TODO: close the pool"), scan.Markers[0]);
        Assert.Equal(("FIXME", 2, "FIXME: trailing nbsp"), scan.Markers[1]);
        Assert.Equal(("HACK", 3, "HACK: html arrow"), scan.Markers[2]);
        Assert.Equal("XXX", scan.Markers[3].Word);
        Assert.Equal(160, scan.Markers[3].Text.Length);
    }

    [Fact]
    public void Repeated_notes_in_one_item_are_one_string()
    {
        // Generated code repeats the same marker in every method; each repeat must not cost a new string.
        var source = string.Concat(Enumerable.Repeat("void M() {\n    // TODO Auto-generated method stub\n}\n", 50));
        var buffers = new SourceScanner.Buffers();
        var first = SourceScanner.Scan(CSharp, Encoding.UTF8.GetBytes(source), PrimeAspect.Debt, 0, 1, buffers).Markers[0].Text;
        var scan = SourceScanner.Scan(CSharp, Encoding.UTF8.GetBytes(source), PrimeAspect.Debt, 0, 1, buffers);

        Assert.Equal(50, scan.Markers.Count);
        Assert.All(scan.Markers, m => Assert.Same(first, m.Text));
        Assert.Equal("TODO Auto-generated method stub", first);
    }
}
