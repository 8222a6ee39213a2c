package fixtures;

import java.util.List;

/**
 * Javadoc.
 */
public class Service {
    private static final String GLOB = "src/**/*.java";
    private static final String END = "*/";

    // line comment
    public int sum(List<Integer> xs) {
        int total = 0; /* inline */
        for (int x : xs) { total += x; }
        return total;
    }
    /* multi
       line */
    String text = """
        text block // with a marker
        """;
}
