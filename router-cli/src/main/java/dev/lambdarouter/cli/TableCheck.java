package dev.lambdarouter.cli;

import dev.lambdarouter.engine.ConfigValidationException;
import dev.lambdarouter.engine.ForbiddenFunctionsException;
import dev.lambdarouter.engine.FunctionAllowlist;
import dev.lambdarouter.engine.RouteSource;
import dev.lambdarouter.engine.RoutingTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Checks a whole routing table as the routers decide whether to accept it ({@link FunctionAllowlist#compile}: the
 * engine's compile, then the function allowlist), plus the size of each parameter value about to be written against
 * the tier's limit.
 */
final class TableCheck {
    private final ParameterTier tier;
    private final FunctionAllowlist allowedFunctions;

    TableCheck(ParameterTier tier, FunctionAllowlist allowedFunctions) {
        this.tier = tier;
        this.allowedFunctions = allowedFunctions;
    }

    ParameterTier tier() {
        return tier;
    }

    /**
     * @param table   every source of the table, in the order the router reads them
     * @param written the sources whose values will be written (size-checked)
     */
    Outcome check(List<RouteSource> table, Collection<RouteSource> written) {
        List<String> problems = new ArrayList<>();
        RoutingTable compiled = null;
        try {
            compiled = allowedFunctions.compile("candidate", table);
        } catch (ConfigValidationException e) {
            problems.addAll(e.problems());
        } catch (ForbiddenFunctionsException e) {
            problems.addAll(e.problems());
        }
        for (RouteSource source : written) {
            sizeProblem(source).ifPresent(problems::add);
        }
        return new Outcome(problems.isEmpty() ? compiled : null, List.copyOf(problems));
    }

    static int characters(String value) {
        return value.codePointCount(0, value.length());
    }

    private Optional<String> sizeProblem(RouteSource source) {
        int characters = characters(source.json());
        if (characters <= tier.maxCharacters()) {
            return Optional.empty();
        }
        String advice = tier == ParameterTier.STANDARD
                ? "use --tier advanced (up to " + ParameterTier.ADVANCED.maxCharacters()
                        + ") or split the routes across several parameters"
                : "split the routes across several parameters";
        return Optional.of(
                source.origin() + ": " + characters + " characters; " + (tier == ParameterTier.STANDARD ? "a" : "an")
                        + " " + tier.label() + " parameter holds at most " + tier.maxCharacters() + ": " + advice);
    }

    /**
     * @param table    the compiled table when there are no problems, else {@code null}
     * @param problems every problem found; empty when the table may be published
     */
    record Outcome(RoutingTable table, List<String> problems) {
        boolean valid() {
            return problems.isEmpty();
        }
    }
}
