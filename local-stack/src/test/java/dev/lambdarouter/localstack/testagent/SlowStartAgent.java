package dev.lambdarouter.localstack.testagent;

/**
 * A test-only Java agent (packed by the tests, given to a function's JVM through {@code JAVA_TOOL_OPTIONS}) that
 * holds the JVM in its start-up for the number of milliseconds in its argument: the runtime bootstrap's
 * {@code main}, and so its connection to the stack, comes only after that.
 */
public final class SlowStartAgent {

    private SlowStartAgent() {}

    public static void premain(String millis) throws InterruptedException {
        Thread.sleep(Long.parseLong(millis));
    }
}
