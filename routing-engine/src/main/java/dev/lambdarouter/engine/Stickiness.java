package dev.lambdarouter.engine;

/** Where a route's sticky key comes from: a header, a cookie, or the client address. */
final class Stickiness {
    enum Source {
        HEADER,
        COOKIE,
        SOURCE_IP
    }

    private final Source source;
    private final String name;

    Stickiness(Source source, String name) {
        this.source = source;
        this.name = name;
    }

    /** How a target picked by this stickiness's key is reported. */
    PickMethod pick() {
        return switch (source) {
            case HEADER -> PickMethod.STICKY_HEADER;
            case COOKIE -> PickMethod.STICKY_COOKIE;
            case SOURCE_IP -> PickMethod.STICKY_SOURCE_IP;
        };
    }

    /** The request's sticky key, or {@code null} when the request does not carry one (or it is empty). */
    String key(RoutingRequest request) {
        String key = switch (source) {
            case HEADER -> request.firstHeader(name);
            case COOKIE -> request.cookie(name);
            case SOURCE_IP -> request.sourceIp();
            default -> throw new AssertionError(source);
        };
        return key == null || key.isEmpty() ? null : key;
    }

    /** This source in the configuration's terms. */
    TargetPick.StickySource describe() {
        return switch (source) {
            case HEADER -> new TargetPick.StickySource("header", name);
            case COOKIE -> new TargetPick.StickySource("cookie", name);
            case SOURCE_IP -> new TargetPick.StickySource("sourceIp", null);
        };
    }

    @Override
    public String toString() {
        return source == Source.SOURCE_IP ? "sourceIp" : source.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
}
