package dev.lambdarouter.engine;

import java.util.List;

/** Matches one path exactly (case-sensitive). */
final class ExactPath extends PathPattern {
    private final String path;

    ExactPath(String path) {
        PathPattern.requireAbsolute("exact", path);
        this.path = path;
    }

    @Override
    boolean matches(String requestPath) {
        return path.equals(requestPath);
    }

    @Override
    List<String> literalSegments() {
        return PathPattern.segmentsOf(path);
    }

    @Override
    public String toString() {
        return "exact " + path;
    }
}
