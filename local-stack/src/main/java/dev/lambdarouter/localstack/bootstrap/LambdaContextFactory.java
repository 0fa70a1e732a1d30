package dev.lambdarouter.localstack.bootstrap;

import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Makes the {@code Context} (and its {@code LambdaLogger}) a handler receives: dynamic proxies of the interfaces
 * as the function's own class loader sees them (its {@code aws-lambda-java-core}, from the function zip or a
 * layer), so no class of the local stack reaches the function. Names, memory and log stream come from the
 * environment variables the stack set on this process.
 */
final class LambdaContextFactory {

    private final ClassLoader loader;
    private final Class<?> contextType;
    private final Object logger;
    private final Map<String, String> env;

    LambdaContextFactory(ClassLoader loader, Map<String, String> env, PrintStream log) throws ClassNotFoundException {
        this.loader = loader;
        this.env = env;
        this.contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);
        Class<?> loggerType = Class.forName("com.amazonaws.services.lambda.runtime.LambdaLogger", false, loader);
        this.logger = Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, logger(log));
    }

    Object create(String requestId, String invokedFunctionArn, long deadlineEpochMillis) {
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "getAwsRequestId" -> requestId;
            case "getInvokedFunctionArn" -> invokedFunctionArn;
            case "getFunctionName" -> env.get("AWS_LAMBDA_FUNCTION_NAME");
            case "getFunctionVersion" -> env.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            case "getLogGroupName" -> env.get("AWS_LAMBDA_LOG_GROUP_NAME");
            case "getLogStreamName" -> env.get("AWS_LAMBDA_LOG_STREAM_NAME");
            case "getMemoryLimitInMB" -> Integer.parseInt(env.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"));
            case "getRemainingTimeInMillis" ->
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, deadlineEpochMillis - System.currentTimeMillis()));
            case "getLogger" -> logger;
            case "getIdentity", "getClientContext" -> null;
            default -> objectMethod(proxy, method, args, "LocalLambdaContext[" + requestId + "]");
        };
        return Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, handler);
    }

    /**
     * {@code Object}'s methods; default methods of newer {@code aws-lambda-java-core} versions run as written;
     * anything else is null.
     */
    private static Object objectMethod(Object proxy, Method method, Object[] args, String name) throws Throwable {
        return switch (method.getName()) {
            case "toString" -> name;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : null;
        };
    }

    /** {@code LambdaLogger}: {@code log(String)} and {@code log(byte[])} write to the function's stdout. */
    private static InvocationHandler logger(PrintStream out) {
        return (proxy, method, args) -> {
            if (method.getName().equals("log") && args != null && args.length == 1) {
                if (args[0] instanceof byte[] bytes) {
                    out.write(bytes);
                } else {
                    out.print(args[0]);
                }
                out.flush();
                return null;
            }
            return objectMethod(proxy, method, args, "LocalLambdaLogger");
        };
    }
}
