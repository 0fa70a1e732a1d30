package dev.lambdarouter.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * A second stack started on a port that is taken (as by a first stack still running) stops at once with a message
 * that names the port and what probably holds it, exits 1 and leaves no function JVM behind.
 */
class PortCollisionTest {

    @TempDir
    Path scratch;

    @BeforeAll
    static void zipsBuilt() throws Exception {
        ProjectZips.requireBuilt();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--ssm-port", "--lambda-port", "--alb-port"})
    void takenPortStopsTheStartWithAClearMessage(String option) throws Exception {
        Set<Long> childrenBefore = runtimeJvms();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StringWriter err = new StringWriter();
            CommandLine command = new CommandLine(new LocalStack()).setErr(new PrintWriter(err, true));
            List<String> args = new java.util.ArrayList<>(List.of(
                    "--template",
                    ProjectZips.template().toString(),
                    "--project-root",
                    ProjectZips.projectRoot().toString(),
                    "--state-file",
                    scratch.resolve("parameters.json").toString(),
                    "--ssm-port",
                    "0",
                    "--lambda-port",
                    "0",
                    "--alb-port",
                    "0"));
            args.set(args.indexOf(option) + 1, Integer.toString(port));

            int exit = assertTimeoutPreemptively(
                    Duration.ofSeconds(60), () -> command.execute(args.toArray(String[]::new)));

            assertEquals(1, exit, err.toString());
            String message = err.toString();
            assertTrue(message.contains("port " + port), message);
            assertTrue(message.contains("another local stack"), message);
            assertTrue(message.contains(option), message);
        }
        // Only JVMs this start left behind count: one from an earlier test may still be exiting meanwhile.
        Set<Long> leftBehind = runtimeJvms();
        leftBehind.removeAll(childrenBefore);
        assertEquals(Set.of(), leftBehind, "function JVMs left running");
    }

    /** The function JVMs (runtime bootstraps) this test JVM has started and that are still running. */
    private static Set<Long> runtimeJvms() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("RuntimeBootstrap"))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
