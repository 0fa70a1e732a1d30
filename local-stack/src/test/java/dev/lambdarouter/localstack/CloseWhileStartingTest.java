package dev.lambdarouter.localstack;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lambdarouter.localstack.lambda.LambdaFunctions;
import dev.lambdarouter.localstack.template.FunctionSpec;
import dev.lambdarouter.localstack.template.LocalAccount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the functions while an execution environment is still starting (its JVM launched, held in start-up by a
 * slow {@code -javaagent}, not yet connected) leaves no JVM behind: close destroys it instead of leaving it to the
 * thread that is waiting for it.
 */
class CloseWhileStartingTest {

    @TempDir
    Path scratch;

    @Test
    void closeDestroysAnEnvironmentThatIsStillStarting() throws Exception {
        FunctionSpec slow = TestArchives.slowStartFunction(scratch, "close-while-starting-code", 60000);
        Path code = slow.codeUri();
        LocalAccount account = new LocalAccount("us-east-1", LocalAccount.DEFAULT_ACCOUNT_ID, "test");
        LambdaFunctions functions =
                LambdaFunctions.start(List.of(slow), account, Map.of(), Map.of(), 1, Duration.ofMinutes(2), line -> {});
        ProcessHandle jvm;
        try {
            functions.invokeAsync(
                    functions.resolve("SlowStartFunction", null).orElseThrow(), "{}".getBytes(StandardCharsets.UTF_8));
            jvm = awaitJvm(code);
        } finally {
            functions.close();
        }

        try {
            jvm.onExit().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            jvm.destroyForcibly();
            fail("the starting environment's JVM (pid " + jvm.pid() + ") still runs 5 s after the functions closed");
        }
        assertTrue(ProcessHandle.current().descendants().noneMatch(p -> commandLineHas(p, code)));
    }

    /** The child JVM, once launched (it is launched in the background by the event invocation). */
    private static ProcessHandle awaitJvm(Path code) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> jvm = ProcessHandle.current()
                    .descendants()
                    .filter(p -> commandLineHas(p, code))
                    .findFirst();
            if (jvm.isPresent()) {
                return jvm.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the environment's JVM did not start within 30 s");
    }

    private static boolean commandLineHas(ProcessHandle process, Path code) {
        return process.info().commandLine().orElse("").contains(code.toString());
    }
}
