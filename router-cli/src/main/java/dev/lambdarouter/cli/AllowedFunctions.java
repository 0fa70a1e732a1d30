package dev.lambdarouter.cli;

import dev.lambdarouter.engine.Route;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.engine.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The router's function allowlist check ({@code ROUTER_ALLOWED_FUNCTIONS}), applied before publishing: targets,
 * fallbacks and mirrors must name an allowed function. Names, {@code name:qualifier} and function ARNs compare by
 * bare function name. Empty allows everything. Mirrors router-function's {@code FunctionAllowlist}.
 */
final class AllowedFunctions {
  private final Set<String> names;

  private AllowedFunctions(Set<String> names) {
    this.names = names;
  }

  /** From a comma-separated list; {@code null} or blank allows everything. */
  static AllowedFunctions parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return new AllowedFunctions(Set.of());
    }
    return new AllowedFunctions(Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(AllowedFunctions::functionName)
        .collect(Collectors.toUnmodifiableSet()));
  }

  /** One problem per function the table names that is not allowed. */
  List<String> violations(RoutingTable table) {
    List<String> problems = new ArrayList<>();
    if (names.isEmpty()) {
      return problems;
    }
    for (Route route : table.routes()) {
      for (Target target : route.targets()) {
        check(route, "target", target.function(), problems);
      }
      route.fallback().ifPresent(function -> check(route, "fallback", function, problems));
      route.mirror().ifPresent(mirror -> check(route, "mirror", mirror.function(), problems));
    }
    return problems;
  }

  private void check(Route route, String role, String function, List<String> problems) {
    if (!names.contains(functionName(function))) {
      problems.add(route.origin() + ": route '" + route.name() + "': " + role + " function '" + function
          + "' is not an allowed function (--allowed-functions / ROUTER_ALLOWED_FUNCTIONS)");
    }
  }

  /** The bare name of {@code name}, {@code name:qualifier} or {@code arn:...:function:name[:qualifier]}. */
  private static String functionName(String reference) {
    String s = reference.trim();
    if (s.toLowerCase(Locale.ROOT).startsWith("arn:")) {
      String[] parts = s.split(":");
      return parts.length >= 7 ? parts[6] : s;
    }
    int colon = s.indexOf(':');
    return colon >= 0 ? s.substring(0, colon) : s;
  }
}
