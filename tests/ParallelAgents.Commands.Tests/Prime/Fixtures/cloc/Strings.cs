// line comment
using System; // trailing
/* block
   comment */
namespace X;
/// <summary>doc</summary>
class A {
    string s = "// not a comment";
    string v = @"verbatim
// inside verbatim
still";
    string r = """
        /* raw */
        """;
    /* a */ int x; /* b */

    int y = 1; /* start
    end */ int z;
    string q = "/* not */";
}
