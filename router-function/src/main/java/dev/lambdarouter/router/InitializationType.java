package dev.lambdarouter.router;

import java.util.Map;

/**
 * Why Lambda runs this init phase ({@code AWS_LAMBDA_INITIALIZATION_TYPE}), which decides whether the init may
 * begin reading the routing table.
 *
 * <ul>
 *   <li>{@code on-demand}: a request is waiting for this environment (most often; Lambda may also initialise one
 *       ahead of its first request and freeze it meanwhile).</li>
 *   <li>{@code provisioned-concurrency}: the environment is initialised ahead of traffic, then frozen until its
 *       first request, possibly for hours.</li>
 *   <li>{@code snap-start}: the init runs once, before the snapshot is taken; the snapshot must hold no connection
 *       and no credentials-bearing state (priming covers the request path instead).</li>
 *   <li>anything else, or unset (tests, local runs, embedding): nothing is started early.</li>
 * </ul>
 */
enum InitializationType {
    ON_DEMAND,
    PROVISIONED_CONCURRENCY,
    SNAP_START,
    OTHER;

    /** The variable Lambda sets in every execution environment. */
    static final String VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";

    /** The type {@code environment} names. */
    static InitializationType from(Map<String, String> environment) {
        String type = environment.get(VARIABLE);
        if (type == null) {
            return OTHER;
        }
        return switch (type.trim()) {
            case "on-demand" -> ON_DEMAND;
            case "provisioned-concurrency" -> PROVISIONED_CONCURRENCY;
            case "snap-start" -> SNAP_START;
            default -> OTHER;
        };
    }

    /**
     * Whether the init phase starts the first load of the routing table (in the background, so that it overlaps
     * the rest of the init): when a request is expected after this init and no snapshot is taken of it. An
     * environment frozen with the load in flight ends it well when thawed: the SDK's call timeouts, already
     * expired, end the call, and the first request, seeing it failed, loads the table itself within its bounded
     * wait; and a table loaded at init that the first request finds past its TTL is checked again before it is
     * used, so that an environment initialised hours ahead serves no older table than a cold start does
     * ({@link dev.lambdarouter.router.config.RoutingTableCache#loadInBackground()}).
     */
    boolean loadsRoutesDuringInit() {
        return this == ON_DEMAND || this == PROVISIONED_CONCURRENCY;
    }
}
