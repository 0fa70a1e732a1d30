package dev.lambdarouter.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A route's fault injection (Envoy-style), compiled from its {@code fault} field: a share of the requests it
 * {@link #appliesTo applies to} is held for a {@link Delay} before the worker is invoked, and a share is answered
 * with an {@link Abort}'s status without invoking the worker. At least one of the two is set. The router draws both
 * independently for each request; the engine only says what is configured and which requests it concerns.
 * Immutable.
 */
public final class FaultPolicy {

    /**
     * Answer {@code percent} of the requests with {@code status}, without invoking the worker.
     *
     * @param percent share of requests, in (0, 100]
     * @param status  400..599
     */
    public record Abort(double percent, int status) {}

    /**
     * Hold {@code percent} of the requests for {@code duration} before the worker is invoked.
     *
     * @param percent  share of requests, in (0, 100]
     * @param duration 1 ms .. 60 s, less than the route's timeout
     */
    public record Delay(double percent, Duration duration) {
        public Delay {
            Objects.requireNonNull(duration, "duration");
        }
    }

    private final Optional<Abort> abort;
    private final Optional<Delay> delay;
    private final Optional<String> target;
    private final Optional<String> headerName;
    private final Optional<String> headerValue;

    /**
     * @param headerName  lower-case header name the fault is limited to, or null
     * @param headerValue the value that header must have, or null for "present"
     */
    FaultPolicy(Abort abort, Delay delay, String target, String headerName, String headerValue) {
        if (abort == null && delay == null) {
            throw new IllegalArgumentException("a fault needs an abort, a delay or both");
        }
        this.abort = Optional.ofNullable(abort);
        this.delay = Optional.ofNullable(delay);
        this.target = Optional.ofNullable(target);
        this.headerName = Optional.ofNullable(headerName);
        this.headerValue = Optional.ofNullable(headerValue);
    }

    public Optional<Abort> abort() {
        return abort;
    }

    public Optional<Delay> delay() {
        return delay;
    }

    /** The only target whose requests the fault concerns, if limited to one. */
    public Optional<String> target() {
        return target;
    }

    /** The (lower-case) header a request must carry for the fault to concern it, if limited to one. */
    public Optional<String> headerName() {
        return headerName;
    }

    /** The value {@link #headerName()} must have (any of its values, exactly); empty: being present is enough. */
    public Optional<String> headerValue() {
        return headerValue;
    }

    /** Whether the fault concerns {@code request} sent to {@code pickedTarget} (its target and header limits). */
    public boolean appliesTo(String pickedTarget, RoutingRequest request) {
        if (target.isPresent() && !target.get().equals(pickedTarget)) {
            return false;
        }
        if (headerName.isEmpty()) {
            return true;
        }
        List<String> values = request.headers().get(headerName.get());
        if (values == null || values.isEmpty()) {
            return false;
        }
        return headerValue.isEmpty() || values.contains(headerValue.get());
    }

    /**
     * One line for people, e.g. {@code abort 10% with 503, delay 5% by 200 ms, only target orders-v2, only with
     * header x-fault: on}.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        abort.ifPresent(a -> parts.add("abort " + percent(a.percent()) + " with " + a.status()));
        delay.ifPresent(d -> parts.add(
                "delay " + percent(d.percent()) + " by " + d.duration().toMillis() + " ms"));
        target.ifPresent(t -> parts.add("only target " + t));
        headerName.ifPresent(h -> parts.add(
                "only with header " + h + headerValue.map(v -> ": " + v).orElse("")));
        return String.join(", ", parts);
    }

    private static String percent(double percent) {
        return (percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent)) + "%";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaultPolicy other
                && abort.equals(other.abort)
                && delay.equals(other.delay)
                && target.equals(other.target)
                && headerName.equals(other.headerName)
                && headerValue.equals(other.headerValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(abort, delay, target, headerName, headerValue);
    }

    @Override
    public String toString() {
        return "FaultPolicy{" + describe() + "}";
    }
}
