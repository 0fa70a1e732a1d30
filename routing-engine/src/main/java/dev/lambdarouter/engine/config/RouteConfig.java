package dev.lambdarouter.engine.config;

import java.util.List;

/**
 * One route as written in JSON. Fields are unvalidated; {@code null} means "absent".
 *
 * @param name          unique route name, {@code [A-Za-z0-9._-]{1,64}}
 * @param priority      0..1000000, lower wins; ties are broken by name
 * @param match         criteria (all must hold); absent matches every request
 * @param mode          {@code "sync"} (default) or {@code "async"}
 * @param targets       weighted targets; may be absent only with a {@code fixedResponse}
 * @param stickiness    optional sticky target selection
 * @param timeoutMs     1..900000, default 10000
 * @param fixedResponse optional response the router answers itself (maintenance mode)
 * @param retry         optional retry policy (attempts, function-error retries, backoff)
 * @param fallback      optional function that serves when every target's circuit is open
 * @param mirror        optional shadow function receiving a percentage of requests, fire-and-forget
 * @param asyncEvent    optional: which client headers Event invokes (async mode, mirror copies) leave out
 * @param fault         optional fault injection (abort, delay), off unless configured
 */
public record RouteConfig(
        String name,
        Integer priority,
        MatchConfig match,
        String mode,
        List<TargetConfig> targets,
        StickinessConfig stickiness,
        Integer timeoutMs,
        FixedResponseConfig fixedResponse,
        RetryConfig retry,
        String fallback,
        MirrorConfig mirror,
        AsyncEventConfig asyncEvent,
        FaultConfig fault) {}
