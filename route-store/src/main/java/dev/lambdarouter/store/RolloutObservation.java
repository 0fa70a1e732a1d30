package dev.lambdarouter.store;

import java.time.Instant;

/**
 * What the controller saw at its last decision, and what it decided (kept in the document as {@code lastObservation}).
 *
 * @param at               when the decision was made
 * @param windowStart      the start of the window the metrics cover (the step's start)
 * @param requests         the canary's requests in the window
 * @param errors           the canary's 5xx answers in the window
 * @param errorRatePercent errors / requests in percent; null without requests
 * @param p99Ms            the canary's p99 latency; null without data
 * @param baselineRequests the baseline targets' requests in the window
 * @param baselineP99Ms    the highest p99 among baseline targets with enough requests; null without
 * @param decision         {@code advance}, {@code hold}, {@code complete}, {@code rollback}, {@code pause}, ...
 * @param reason           why, in words
 */
public record RolloutObservation(
        Instant at,
        Instant windowStart,
        long requests,
        long errors,
        Double errorRatePercent,
        Double p99Ms,
        long baselineRequests,
        Double baselineP99Ms,
        String decision,
        String reason) {}
