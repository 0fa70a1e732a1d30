package dev.lambdarouter.store;

import dev.lambdarouter.engine.FunctionAllowlist;
import java.util.Arrays;
import java.util.Optional;

/**
 * The functions the routers may invoke, as the stack publishes them in {@code {prefix}/allowed-functions} (the same
 * list as the routers' {@code ROUTER_ALLOWED_FUNCTIONS}). Absent: the stack configures no allowlist.
 *
 * @param parameter the parameter's full name
 * @param value     its value (comma-separated names or ARNs), or empty when the parameter is absent
 */
public record StackAllowlist(String parameter, Optional<String> value) {

    public FunctionAllowlist functions() {
        return FunctionAllowlist.parse(value.orElse(null));
    }

    /** {@code allowlist /p/allowed-functions: 3 functions}, or {@code no allowlist: /p/allowed-functions is absent}. */
    public String describe() {
        if (value.isEmpty()) {
            return "no allowlist: " + parameter + " is absent";
        }
        long count = Arrays.stream(value.get().split(","))
                .filter(name -> !name.isBlank())
                .count();
        return "allowlist " + parameter + ": " + count + (count == 1 ? " function" : " functions");
    }
}
