package dev.lambdarouter.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The functions the router may invoke ({@code ROUTER_ALLOWED_FUNCTIONS}, comma-separated names or ARNs; the
 * template sets it to the stack's workers, matching the IAM policy). The router rejects a table naming any other
 * function (as target, fallback or mirror) whole, and the operator CLI (which reads the same list from the stack's
 * {@code {prefix}/allowed-functions} parameter) refuses to publish one, so a parameter edit cannot turn the router
 * into a way to call arbitrary functions. Both decide through {@link #compile}. Qualifiers
 * ({@code :alias}, {@code :version}) do not matter: {@code orders:live} is allowed when {@code orders} is.
 * An empty allowlist allows everything (IAM still applies).
 */
public final class FunctionAllowlist {

    private final Set<String> allowed;

    private FunctionAllowlist(Set<String> allowed) {
        this.allowed = allowed;
    }

    public static FunctionAllowlist parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return new FunctionAllowlist(Set.of());
        }
        return new FunctionAllowlist(Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(FunctionAllowlist::functionName)
                .collect(Collectors.toUnmodifiableSet()));
    }

    public boolean allows(String function) {
        return allowed.isEmpty() || allowed.contains(functionName(function));
    }

    /**
     * Compiles {@code parameters} and applies this allowlist: the one decision, shared by the routers and the operator
     * CLI, of whether routers accept a table. Routers keep their last good table when this throws.
     *
     * @throws ConfigValidationException   the table is invalid
     * @throws ForbiddenFunctionsException the table is valid but names a function outside this allowlist
     */
    public RoutingTable compile(String version, List<RouteParameter> parameters)
            throws ConfigValidationException, ForbiddenFunctionsException {
        RoutingTable table = RoutingTable.compile(version, parameters);
        List<String> forbidden = violations(table);
        if (!forbidden.isEmpty()) {
            throw new ForbiddenFunctionsException(forbidden);
        }
        return table;
    }

    /** One problem per target the table names that is not allowed; empty when the table is acceptable. */
    public List<String> violations(RoutingTable table) {
        List<String> problems = new ArrayList<>();
        if (allowed.isEmpty()) {
            return problems;
        }
        for (Route route : table.routes()) {
            // A fixed response invokes nothing: only forwarding routes name functions.
            if (route.action() instanceof Forward forward) {
                for (Target target : forward.targets()) {
                    check(route, "target", target.function(), problems);
                }
                forward.fallback().ifPresent(f -> check(route, "fallback", f, problems));
                forward.mirror().ifPresent(m -> check(route, "mirror", m.function(), problems));
            }
        }
        return problems;
    }

    private void check(Route route, String role, String function, List<String> problems) {
        if (!allows(function)) {
            problems.add(route.origin() + ": route '" + route.name() + "': " + role + " function '" + function
                    + "' is not an allowed function (ROUTER_ALLOWED_FUNCTIONS)");
        }
    }

    /**
     * The bare function name of a name, {@code name:qualifier} or
     * {@code arn:aws:lambda:region:account:function:name[:qualifier]}.
     */
    static String functionName(String reference) {
        String s = reference.trim();
        if (s.toLowerCase(Locale.ROOT).startsWith("arn:")) {
            String[] parts = s.split(":", -1);
            int fields = parts.length;
            while (fields > 0 && parts[fields - 1].isEmpty()) {
                fields--; // trailing empty fields do not count: "...:function:" names no function
            }
            return fields >= 7 ? parts[6] : s;
        }
        int colon = s.indexOf(':');
        return colon >= 0 ? s.substring(0, colon) : s;
    }
}
