package dev.lambdarouter.router.observability;

/**
 * Every metric the router emits, in namespace {@code LambdaRouter} (or {@code POWERTOOLS_METRICS_NAMESPACE}), one
 * spelling each (UpperCamelCase). This is the contract the template's dashboard and alarms rely on.
 *
 * <p>Per request, in one embedded-metric-format record with the dimension sets {@code [Service]},
 * {@code [Service, Route]} and {@code [Service, Route, Target]} (Route and Target when known, and as many sets as
 * {@code ROUTER_METRICS_DIMENSIONS} allows, see {@link MetricDimensions}): {@link #REQUESTS}, {@link #LATENCY},
 * {@link #STATUS_4XX}, {@link #STATUS_5XX}, {@link #ATTEMPTS}, and when it happens one count of what went wrong:
 * {@link #WORKER_FAILED}, {@link #INVALID_WORKER_RESPONSE}, {@link #THROTTLED}, {@link #TIMEOUT},
 * {@link #CIRCUIT_OPEN}, {@link #NO_HEALTHY_TARGET}, {@link #PAYLOAD_TOO_LARGE}, {@link #FUNCTION_NOT_FOUND},
 * {@link #ACCESS_DENIED}, {@link #LAMBDA_SERVICE_ERROR}, {@link #FAULT_ABORT}; and {@link #FAULT_DELAY} when the
 * route's fault injection held the request (whatever came of it after).
 *
 * <p>Configuration and background events, each its own record with {@code [Service]} only:
 * {@link #CONFIG_REJECTED}, {@link #CONFIG_SOURCE_UNAVAILABLE}, {@link #STALE_TABLE_SERVED},
 * {@link #MIRROR_COPY_DROPPED}.
 */
public final class MetricNames {

    /** Count, 1 per request (health checks included). */
    public static final String REQUESTS = "Requests";
    /** Milliseconds from the event's arrival to the encoded answer. */
    public static final String LATENCY = "Latency";
    /** Count, 1 when the answer's status is 4xx, else 0 (so its average is the 4xx rate). */
    public static final String STATUS_4XX = "Status4xx";
    /** Count, 1 when the answer's status is 5xx, else 0 (so its average is the 5xx rate). */
    public static final String STATUS_5XX = "Status5xx";
    /** Count of Lambda invoke attempts the request made, retries included (0 when none was made). */
    public static final String ATTEMPTS = "Attempts";

    /** The worker function failed (Lambda's {@code X-Amz-Function-Error}). */
    public static final String WORKER_FAILED = "WorkerFailed";
    /** The worker's answer was not a response the load balancer accepts. */
    public static final String INVALID_WORKER_RESPONSE = "InvalidWorkerResponse";
    /** Lambda refused the invoke for lack of concurrency (429), after any retries. */
    public static final String THROTTLED = "Throttled";
    /** The worker did not answer within the route's deadline. */
    public static final String TIMEOUT = "Timeout";
    /** The target's circuit breaker refused the call: no invoke was made. */
    public static final String CIRCUIT_OPEN = "CircuitOpen";
    /** Every target's circuit was open and the route has no fallback: nothing was invoked. */
    public static final String NO_HEALTHY_TARGET = "NoHealthyTarget";
    /** The request was larger than Lambda's invoke payload limit. */
    public static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
    /** The target function, version or alias does not exist. */
    public static final String FUNCTION_NOT_FOUND = "FunctionNotFound";
    /** The router may not invoke the target function. */
    public static final String ACCESS_DENIED = "AccessDenied";
    /** The Lambda service failed or could not be reached. */
    public static final String LAMBDA_SERVICE_ERROR = "LambdaServiceError";
    /**
     * The route's fault injection answered the request with its configured status: no invoke was made. Its
     * {@link #STATUS_4XX} or {@link #STATUS_5XX} is counted as usual, with the picked target's Target dimension.
     */
    public static final String FAULT_ABORT = "FaultAbort";
    /** The route's fault injection held the request for its configured delay before dispatching it. */
    public static final String FAULT_DELAY = "FaultDelay";

    /** A routing configuration failed validation; the last good table stays in force. */
    public static final String CONFIG_REJECTED = "ConfigRejected";
    /** Parameter Store could not be read; the table in force stays. */
    public static final String CONFIG_SOURCE_UNAVAILABLE = "ConfigSourceUnavailable";
    /** After a SnapStart restore the table could not be re-checked in time; the stale one served. */
    public static final String STALE_TABLE_SERVED = "StaleTableServed";
    /** A mirror copy did not leave (too large, or not accepted within the mirror budget). */
    public static final String MIRROR_COPY_DROPPED = "MirrorCopyDropped";

    private MetricNames() {}
}
