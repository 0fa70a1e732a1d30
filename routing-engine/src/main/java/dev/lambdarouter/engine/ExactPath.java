package dev.lambdarouter.engine;

/** Matches one path exactly (case-sensitive). */
final class ExactPath implements PathPattern {
  private final String path;

  ExactPath(String path) {
    PathPattern.requireAbsolute("exact", path);
    this.path = path;
  }

  @Override
  public boolean matches(String requestPath) {
    return path.equals(requestPath);
  }

  @Override
  public String firstSegment() {
    return PathPattern.firstSegmentOf(path);
  }

  @Override
  public String toString() {
    return "exact " + path;
  }
}
