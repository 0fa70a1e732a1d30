package dev.lambdarouter.localstack.lambda;

import dev.lambdarouter.localstack.template.FunctionSpec;
import dev.lambdarouter.localstack.template.LocalAccount;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables of a function's execution environments, in order of precedence (later wins):
 * <ol>
 *   <li>{@code PATH}, {@code LANG}, {@code TZ} as Lambda sets them;</li>
 *   <li>the template's variables (Globals merged);</li>
 *   <li>what Lambda itself sets ({@code AWS_REGION}, {@code AWS_LAMBDA_FUNCTION_NAME}, {@code _HANDLER}, credentials,
 *       ...) and the stack's endpoints ({@code AWS_ENDPOINT_URL_LAMBDA}, {@code AWS_ENDPOINT_URL_SSM}), which replace
 *       the regional endpoints a template may declare;</li>
 *   <li>the user's overrides ({@code --env}).</li>
 * </ol>
 * Nothing of the local stack's own process environment is passed on, as in Lambda.
 */
final class FunctionEnvironment {

    private FunctionEnvironment() {}

    static Map<String, String> of(
            FunctionSpec spec,
            LocalAccount account,
            Map<String, String> stackVariables,
            Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", "UTC");
        env.putAll(spec.environment());
        env.put("AWS_REGION", account.region());
        env.put("AWS_DEFAULT_REGION", account.region());
        env.put("AWS_ACCESS_KEY_ID", "local-stack");
        env.put("AWS_SECRET_ACCESS_KEY", "local-stack");
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        env.put(
                "AWS_LAMBDA_LOG_STREAM_NAME",
                LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd")) + "/[$LATEST]local");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
        env.put("_HANDLER", spec.handler());
        env.put("AWS_XRAY_CONTEXT_MISSING", "IGNORE_ERROR");
        if ("JSON".equalsIgnoreCase(spec.logging().format())) {
            env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
            if (spec.logging().applicationLevel() != null) {
                env.put("AWS_LAMBDA_LOG_LEVEL", spec.logging().applicationLevel());
            }
        }
        env.putAll(stackVariables);
        env.putAll(overrides);
        return env;
    }
}
