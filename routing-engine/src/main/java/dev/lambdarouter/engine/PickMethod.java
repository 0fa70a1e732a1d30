package dev.lambdarouter.engine;

/**
 * How a {@link RouteDecision} came to its function, for the request log: {@link #label()} is what the log says.
 * Never carries the sticky key itself (a header or cookie value may be a secret).
 */
public enum PickMethod {
    /** Weighted random among the available targets (no stickiness, or the request carried no sticky key). */
    WEIGHTED("weighted"),
    /** Rendezvous hashing of the value of the route's sticky header. */
    STICKY_HEADER("sticky:header"),
    /** Rendezvous hashing of the value of the route's sticky cookie. */
    STICKY_COOKIE("sticky:cookie"),
    /** Rendezvous hashing of the client address. */
    STICKY_SOURCE_IP("sticky:source-ip"),
    /** The route's fallback function: no target was available. */
    FALLBACK("fallback"),
    /** The route has one target with a positive weight. */
    SINGLE("single"),
    /** The route answers with its fixed response; no function. */
    FIXED("fixed");

    private final String label;

    PickMethod(String label) {
        this.label = label;
    }

    /** {@code weighted}, {@code sticky:header}, {@code sticky:cookie}, {@code sticky:source-ip}, {@code fallback}, {@code single} or {@code fixed}. */
    public String label() {
        return label;
    }
}
