package dev.lambdarouter.benchmarks.warm;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lambdarouter.benchmarks.lambda.BareInvokeHandler;
import dev.lambdarouter.benchmarks.lambda.BenchmarkEvents;
import dev.lambdarouter.benchmarks.lambda.LambdaJvm;
import dev.lambdarouter.benchmarks.lambda.LoopbackAws;
import dev.lambdarouter.benchmarks.lambda.ProbeContext;
import dev.lambdarouter.router.RouterHandler;
import dev.lambdarouter.router.RouterSettings;
import dev.lambdarouter.router.config.ParameterStoreRouteRepository;
import dev.lambdarouter.router.dispatch.LambdaDispatcher;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One warm request as JMH sees it, for profiling where the router's time and allocations go ({@code -prof gc},
 * {@code -prof jfr}; see {@link WarmProfileReport}): the production {@link RouterHandler} (template environment,
 * request log and metrics on, written to {@code /dev/null} instead of Lambda's stdout pipe) routing the 1 KB ALB
 * event, next to a {@link BareInvokeHandler} with the router's client configuration. The loopback worker runs in a
 * separate JVM, so its work and allocations are not counted here. {@link WarmOverheadHarness} is the side-by-side
 * latency comparison; this benchmark is for the profilers.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar WarmRequestBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"})
@State(Scope.Benchmark)
public class WarmRequestBenchmark {

    private Process worker;
    private RequestStreamHandler router;
    private RequestStreamHandler bare;

    @Setup
    public void start() throws IOException {
        // Log lines and metrics records go where Lambda's stdout would, minus the pipe; not to JMH's console.
        System.setOut(new PrintStream(new FileOutputStream("/dev/null"), false, StandardCharsets.UTF_8));
        worker = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoopbackAws.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String line =
                new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.startsWith("endpoint=")) {
            throw new IllegalStateException("the loopback worker did not start: " + line);
        }
        LambdaJvm.useSdkProperties(line.substring("endpoint=".length()));
        router = new RouterHandler(
                RouterSettings.from(LambdaJvm.routerEnvironment()),
                ParameterStoreRouteRepository.defaultClient(),
                LambdaDispatcher.defaultClient());
        bare = new BareInvokeHandler(LambdaDispatcher.defaultClient());
        if (!BenchmarkEvents.isOk(handle(router)) || !BenchmarkEvents.isOk(handle(bare))) {
            throw new IllegalStateException("the loopback worker's answer did not come back");
        }
    }

    @TearDown
    public void stop() throws IOException, InterruptedException {
        worker.getOutputStream().close();
        worker.waitFor(10, TimeUnit.SECONDS);
        worker.destroy();
    }

    @Benchmark
    public byte[] routedRequest() throws IOException {
        return handle(router);
    }

    @Benchmark
    public byte[] bareInvoke() throws IOException {
        return handle(bare);
    }

    private static byte[] handle(RequestStreamHandler handler) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2_048);
        handler.handleRequest(new ByteArrayInputStream(BenchmarkEvents.ALB_EVENT), out, new ProbeContext());
        return out.toByteArray();
    }
}
