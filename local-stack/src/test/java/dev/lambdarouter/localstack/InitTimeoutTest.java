package dev.lambdarouter.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lambdarouter.localstack.lambda.FunctionTarget;
import dev.lambdarouter.localstack.lambda.InvocationResult;
import dev.lambdarouter.localstack.lambda.LambdaFunctions;
import dev.lambdarouter.localstack.template.FunctionSpec;
import dev.lambdarouter.localstack.template.LocalAccount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An execution environment whose JVM has not even connected to the stack when its init time is up (a slow
 * {@code -javaagent} from {@code JAVA_TOOL_OPTIONS} holds it in start-up): the invocation fails as Lambda's does and
 * the JVM is gone, not left running next to the stack.
 */
class InitTimeoutTest {

    private static final Duration INIT_LIMIT = Duration.ofSeconds(1);

    @TempDir
    Path scratch;

    @Test
    void jvmThatHasNotConnectedWhenInitTimesOutIsDestroyed() throws Exception {
        FunctionSpec slow = TestArchives.slowStartFunction(scratch, "slow-start-code", 30000);
        Path code = slow.codeUri();
        LocalAccount account = new LocalAccount("us-east-1", LocalAccount.DEFAULT_ACCOUNT_ID, "test");
        try (LambdaFunctions functions =
                LambdaFunctions.start(List.of(slow), account, Map.of(), Map.of(), 1, INIT_LIMIT, line -> {})) {
            FunctionTarget target = functions.resolve("SlowStartFunction", null).orElseThrow();

            InvocationResult result = functions.invoke(target, "{}".getBytes(StandardCharsets.UTF_8));

            assertTrue(result.timedOut(), new String(result.payload(), StandardCharsets.UTF_8));
            assertEquals(InvocationResult.TIMED_OUT, result.errorType());
            List<ProcessHandle> leftOver = ProcessHandle.current()
                    .descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(code.toString()))
                    .toList();
            for (ProcessHandle jvm : leftOver) {
                try {
                    jvm.onExit().get(10, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    jvm.destroyForcibly();
                    fail("the environment's JVM (pid " + jvm.pid() + ") still runs 10 s after its init timed out");
                }
            }
        }
    }
}
