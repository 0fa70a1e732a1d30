package dev.lambdarouter.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints validation problems, one per line. */
final class Problems {
    private Problems() {}

    static void print(PrintWriter err, String verdict, List<String> problems) {
        err.println(verdict + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        for (String problem : problems) {
            err.println("  - " + problem);
        }
        err.flush();
    }
}
