package dev.lambdarouter.router.observability;

/**
 * Which part of a route's fault injection was applied to a request (the route's {@code fault} field): the request
 * log's {@code fault} field ({@link #label()}) and the {@link MetricNames#FAULT_DELAY} and
 * {@link MetricNames#FAULT_ABORT} counts. A request the fault did not touch has none (null).
 */
public enum InjectedFault {
    /** Answered with the fault's status; no worker was invoked. */
    ABORT("abort"),
    /** Held for the fault's delay, then dispatched as usual. */
    DELAY("delay"),
    /** Held for the fault's delay, then answered with its status; no worker was invoked. */
    DELAY_AND_ABORT("delay+abort");

    private final String label;

    InjectedFault(String label) {
        this.label = label;
    }

    /** What the request log says: {@code abort}, {@code delay} or {@code delay+abort}. */
    public String label() {
        return label;
    }

    /** Whether the request was held for the fault's delay. */
    public boolean delayed() {
        return this != ABORT;
    }

    /** Whether the request was answered with the fault's status instead of being dispatched. */
    public boolean aborted() {
        return this != DELAY;
    }

    /** What was applied, or null when neither. */
    public static InjectedFault of(boolean delayed, boolean aborted) {
        if (delayed) {
            return aborted ? DELAY_AND_ABORT : DELAY;
        }
        return aborted ? ABORT : null;
    }
}
