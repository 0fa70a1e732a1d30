package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.router.observability.MetricNames;
import java.time.Duration;
import java.util.Objects;

/**
 * What became of one {@link Invocation}. Exactly one of four shapes; a {@link Dispatcher} returns one of these
 * instead of throwing for service or network errors.
 */
public sealed interface DispatchOutcome {

    /**
     * A synchronous invocation where the worker returned normally. {@code payload} is the worker's answer (not yet
     * checked to be a valid ALB response); {@code requestId} is Lambda's request id, or null when the service sent none.
     */
    record Responded(byte[] payload, String requestId) implements DispatchOutcome {
        public Responded {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * A synchronous invocation where the worker failed: Lambda answered 200 with {@code X-Amz-Function-Error}
     * ({@code errorType} is that header, e.g. {@code Unhandled}). {@code payload} is Lambda's error document.
     */
    record FunctionFailed(String errorType, byte[] payload, String requestId) implements DispatchOutcome {
        public FunctionFailed {
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** An asynchronous invocation that Lambda accepted (202): it is queued and will not be sent again. */
    record Accepted(String requestId) implements DispatchOutcome {}

    /**
     * The invocation did not reach the worker, or Lambda's answer could not be used. {@code detail} is a single line
     * meant for logs (never a stack trace); {@code retryAfter} is Lambda's {@code Retry-After} hint, or null.
     */
    record Failed(Failure failure, String detail, Duration retryAfter) implements DispatchOutcome {
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why an invocation {@link Failed}; {@link #metricName()} is what the router's metrics count it as. */
    enum Failure {
        /** Lambda refused for lack of concurrency or request rate (429). */
        THROTTLED(MetricNames.THROTTLED),
        /** The router's circuit breaker for the target is open: no call was made. */
        CIRCUIT_OPEN(MetricNames.CIRCUIT_OPEN),
        /** The route's fault injection aborted the call: no call was made (never returned by a {@link Dispatcher}). */
        FAULT_ABORT(MetricNames.FAULT_ABORT),
        /** No answer within the invocation's timeout. */
        TIMEOUT(MetricNames.TIMEOUT),
        /** The function, alias or version does not exist (404). */
        FUNCTION_NOT_FOUND(MetricNames.FUNCTION_NOT_FOUND),
        /** The payload exceeds Lambda's invoke limit (checked before sending, or 413 from the service). */
        PAYLOAD_TOO_LARGE(MetricNames.PAYLOAD_TOO_LARGE),
        /** The router's role may not invoke the function, or its credentials were rejected (403). */
        ACCESS_DENIED(MetricNames.ACCESS_DENIED),
        /** Lambda answered with something the invocation type does not allow. */
        INVALID_RESPONSE(MetricNames.INVALID_WORKER_RESPONSE),
        /** Any other service error, or the service could not be reached. */
        SERVICE_ERROR(MetricNames.LAMBDA_SERVICE_ERROR);

        private final String metricName;

        Failure(String metricName) {
            this.metricName = metricName;
        }

        /** The {@link MetricNames} count of this failure. */
        public String metricName() {
            return metricName;
        }
    }
}
