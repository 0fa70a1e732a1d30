package dev.lambdarouter.engine;

/**
 * One match criterion of a route, evaluated for one request by {@link RoutingTable#explain}.
 *
 * @param criterion its field under {@code match}: {@code hosts}, {@code methods}, {@code paths}, {@code headers},
 *                  {@code query} or {@code sourceCidrs}
 * @param condition what it requires, e.g. {@code prefix /orders or exact /health}
 * @param held      whether the request meets it
 */
public record CriterionCheck(String criterion, String condition, boolean held) {}
