#define TRACE
namespace Fixtures;

/* a block comment
 * that spans lines */
public static class Continuation
{
    // A path in a string looks like a comment to cloc: "http://example.com"
    public const string Url = "http://example.com/*not*/"; // trailing
    public const string Glob = "src/**/*.cs";

    /*
     * Unterminated opener in a string below: "/*"
     */
    public static int Add(int a, int b) => a + b; /* inline */ // and a line comment

    public static string Verbatim = @"C:\temp\
";

    public static string Raw = """
        // looks like a comment inside a raw string
        /* and a block */
        """;
}
