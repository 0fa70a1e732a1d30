package dev.lambdarouter.store;

import dev.lambdarouter.engine.ConfigValidationException;
import dev.lambdarouter.engine.ForbiddenFunctionsException;
import dev.lambdarouter.engine.FunctionAllowlist;
import dev.lambdarouter.engine.RouteParameter;
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
public final class TableCheck {
    private final ParameterTier tier;
    private final FunctionAllowlist allowedFunctions;

    public TableCheck(ParameterTier tier, FunctionAllowlist allowedFunctions) {
        this.tier = tier;
        this.allowedFunctions = allowedFunctions;
    }

    public ParameterTier tier() {
        return tier;
    }

    /**
     * The routers' verdict on the table plus the size of each value about to be written.
     *
     * @param table   every parameter of the table, in the order the router reads them
     * @param written the parameters whose values will be written (size-checked)
     */
    public Outcome check(List<RouteParameter> table, Collection<RouteParameter> written) {
        Outcome verdict = routersVerdict(allowedFunctions, "candidate", table);
        List<String> problems = new ArrayList<>(verdict.problems());
        for (RouteParameter parameter : written) {
            sizeProblem(parameter).ifPresent(problems::add);
        }
        return new Outcome(problems.isEmpty() ? verdict.table() : null, List.copyOf(problems));
    }

    /**
     * Whether routers accept {@code table} ({@link FunctionAllowlist#compile}, the routers' own decision): the
     * compiled table, or every problem they reject it for.
     */
    public static Outcome routersVerdict(FunctionAllowlist allowlist, String version, List<RouteParameter> table) {
        try {
            return new Outcome(allowlist.compile(version, table), List.of());
        } catch (ConfigValidationException e) {
            return new Outcome(null, e.problems());
        } catch (ForbiddenFunctionsException e) {
            return new Outcome(null, e.problems());
        }
    }

    public static int characters(String value) {
        return value.codePointCount(0, value.length());
    }

    private Optional<String> sizeProblem(RouteParameter parameter) {
        int characters = characters(parameter.json());
        if (characters <= tier.maxCharacters()) {
            return Optional.empty();
        }
        String advice = tier == ParameterTier.STANDARD
                ? "use --tier advanced (up to " + ParameterTier.ADVANCED.maxCharacters()
                        + ") or split the routes across several parameters"
                : "split the routes across several parameters";
        return Optional.of(
                parameter.name() + ": " + characters + " characters; " + (tier == ParameterTier.STANDARD ? "a" : "an")
                        + " " + tier.label() + " parameter holds at most " + tier.maxCharacters() + ": " + advice);
    }

    /**
     * A table check's result.
     *
     * @param table    the compiled table when there are no problems, else {@code null}
     * @param problems every problem found; empty when the table may be published
     */
    public record Outcome(RoutingTable table, List<String> problems) {
        public Outcome {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }
}
