package dev.lambdarouter.cli;

import java.io.PrintWriter;
import java.util.List;

/** Validation problems under a verdict, one per line. */
final class Problems {
    private Problems() {}

    static void print(PrintWriter err, String verdict, List<String> problems) {
        err.print(format(verdict, problems));
        err.flush();
    }

    /** {@code verdict: 2 problems}, then one {@code   - problem} line each; every line ends with a newline. */
    static String format(String verdict, List<String> problems) {
        StringBuilder text = new StringBuilder(verdict)
                .append(": ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems")
                .append('\n');
        for (String problem : problems) {
            text.append("  - ").append(problem).append('\n');
        }
        return text.toString();
    }
}
