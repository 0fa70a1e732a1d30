package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.engine.DispatchMode;
import java.time.Duration;
import java.util.Objects;

/**
 * One call to a worker Lambda: which function, sync or async, the payload to send and how long to wait.
 *
 * <p>{@code functionName} is anything Lambda's Invoke API accepts: a name, {@code name:alias} / {@code name:version},
 * or a full function ARN. The payload array is not copied (it can be megabytes); do not change it after
 * building the invocation.
 */
public record Invocation(String functionName, DispatchMode mode, byte[] payload, Duration timeout) {

    public Invocation {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(timeout, "timeout");
        if (functionName.isBlank()) {
            throw new IllegalArgumentException("functionName must not be blank");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    @Override
    public String toString() {
        return "Invocation[functionName=" + functionName + ", mode=" + mode + ", payload=" + payload.length
                + " bytes, timeout=" + timeout.toMillis() + " ms]";
    }
}
