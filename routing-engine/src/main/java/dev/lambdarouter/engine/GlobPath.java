package dev.lambdarouter.engine;

import java.util.List;

/**
 * A glob over path segments: {@code *} matches any characters within one segment, {@code ?} exactly one character
 * other than '/', and a {@code **} segment matches zero or more whole segments (<code>/static/**&#47;*.css</code> matches
 * {@code /static/a.css} and {@code /static/x/y/a.css}). Matching is greedy with single-point backtracking, linear in
 * practice, and allocation-free.
 */
final class GlobPath extends PathPattern {
    private final String glob;
    private final String[] segments;
    private final boolean[] anySegments;
    private final boolean[] literal;

    GlobPath(String glob) {
        PathPattern.requireAbsolute("glob", glob);
        this.glob = glob;
        this.segments = glob.substring(1).split("/", -1);
        this.anySegments = new boolean[segments.length];
        this.literal = new boolean[segments.length];
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            anySegments[i] = segment.equals("**");
            if (!anySegments[i] && segment.contains("**")) {
                throw new IllegalArgumentException("glob '" + glob + "': '**' must be a whole path segment"
                        + " (like /static/**/x); use '*' within a segment");
            }
            literal[i] = segment.indexOf('*') < 0 && segment.indexOf('?') < 0;
        }
    }

    @Override
    boolean matches(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        int end = path.length() + 1; // position after the last segment
        int p = 0;
        int s = 1;
        int backtrackP = -1;
        int backtrackS = -1;
        while (s != end) {
            int segmentEnd = PathPattern.segmentEnd(path, s);
            if (p < segments.length && anySegments[p]) {
                backtrackP = p++;
                backtrackS = s;
            } else if (p < segments.length && segmentMatches(p, path, s, segmentEnd)) {
                p++;
                s = segmentEnd + 1;
            } else if (backtrackP >= 0) {
                p = backtrackP + 1;
                backtrackS = PathPattern.segmentEnd(path, backtrackS) + 1;
                s = backtrackS;
            } else {
                return false;
            }
        }
        while (p < segments.length && anySegments[p]) {
            p++;
        }
        return p == segments.length;
    }

    private boolean segmentMatches(int index, String path, int start, int end) {
        String pattern = segments[index];
        if (literal[index]) {
            return end - start == pattern.length() && path.startsWith(pattern, start);
        }
        int pi = 0;
        int ti = start;
        int starP = -1;
        int starT = -1;
        int length = pattern.length();
        while (ti < end) {
            char pc = pi < length ? pattern.charAt(pi) : 0;
            if (pi < length && (pc == '?' || pc == path.charAt(ti)) && pc != '*') {
                pi++;
                ti++;
            } else if (pc == '*' && pi < length) {
                starP = pi++;
                starT = ti;
            } else if (starP >= 0) {
                pi = starP + 1;
                ti = ++starT;
            } else {
                return false;
            }
        }
        while (pi < length && pattern.charAt(pi) == '*') {
            pi++;
        }
        return pi == length;
    }

    @Override
    List<String> literalSegments() {
        int count = 0;
        while (count < segments.length && !anySegments[count] && literal[count]) {
            count++;
        }
        return List.of(segments).subList(0, count);
    }

    @Override
    public String toString() {
        return "glob " + glob;
    }
}
