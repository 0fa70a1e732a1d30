package dev.lambdarouter.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Builds a {@link RoutingExplanation} with the table's own parts: the winner from the same {@link RouteIndex} call
 * as {@link RoutingTable#route}, the decision from the winner's own {@code decide}, the criteria from each route's
 * {@link RouteMatcher#criteria()} (the predicates routing evaluates) with the host criterion from the index's host
 * walk, and the pick from the route's target picker.
 */
final class RouteExplainer {
    private RouteExplainer() {}

    static RoutingExplanation explain(
            Route[] routes,
            RouteIndex index,
            RoutingRequest request,
            RandomGenerator random,
            Predicate<String> available) {
        boolean[] hostHeld = index.hostMatches(request);
        List<RouteCheck> checks = new ArrayList<>(routes.length);
        for (int rank = 0; rank < routes.length; rank++) {
            checks.add(check(routes[rank], request, hostHeld[rank]));
        }
        int winner = index.firstMatch(request);
        if (winner < 0) {
            return new RoutingExplanation(request, checks, Optional.empty(), Optional.empty());
        }
        Route route = routes[winner];
        DrawRecorder recorder = new DrawRecorder(random);
        RouteDecision decision = route.decide(request, recorder, available);
        Optional<TargetPick> pick = route.action() instanceof Forward forward
                ? Optional.of(forward.explainPick(request, available, recorder.lastDraw()))
                : Optional.empty();
        return new RoutingExplanation(request, checks, Optional.of(decision), pick);
    }

    private static RouteCheck check(Route route, RoutingRequest request, boolean hostHeld) {
        List<CriterionCheck> checks = new ArrayList<>();
        HostPattern[] hosts = route.matcher.hosts();
        if (hosts != null) {
            checks.add(new CriterionCheck("hosts", MatchCriterion.anyOf(hosts), hostHeld));
            if (!hostHeld) {
                return new RouteCheck(route, checks);
            }
        }
        for (MatchCriterion criterion : route.matcher.criteria()) {
            boolean held = criterion.test(request);
            checks.add(new CriterionCheck(criterion.field(), criterion.condition(), held));
            if (!held) {
                break;
            }
        }
        return new RouteCheck(route, checks);
    }
}
