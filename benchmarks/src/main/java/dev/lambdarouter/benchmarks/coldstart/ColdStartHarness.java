package dev.lambdarouter.benchmarks.coldstart;

import dev.lambdarouter.benchmarks.lambda.LambdaJvm;
import dev.lambdarouter.benchmarks.lambda.LoopbackAws;
import dev.lambdarouter.benchmarks.report.Percentiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start of the router next to a bare handler: fresh JVMs on exactly the class path Lambda builds from
 * {@code router-function.zip} and {@code dependencies-layer.zip}, with the template's JVM flags and environment,
 * run the production {@code RouterHandler} and {@code BareInvokeHandler} (one SDK client, one invoke; its class
 * path without the SDK tracing instrumentation) alternately, without and with SnapStart-style priming. A loopback
 * stub ({@link LoopbackAws}) answers the SSM and Lambda calls: the router's first request loads the routing table
 * and invokes a worker, the bare handler's invokes the worker. As in Lambda, {@code AWS_LAMBDA_INITIALIZATION_TYPE}
 * is {@code on-demand} in the plain rows and {@code snap-start} in the primed ones (the init before a snapshot).
 *
 * <p>"Total" is JVM start to the first answer, priming excluded (with SnapStart, priming runs before the snapshot,
 * not on a request's path). Reports the median and p90 of each figure and the ratio router/bare of the median
 * totals.
 *
 * <p>Usage: {@code java -cp benchmarks/target/classes dev.lambdarouter.benchmarks.coldstart.ColdStartHarness
 * [runs] [project root]}
 */
public final class ColdStartHarness {

    /** By name: this JVM runs without the Lambda class path, on which the handlers' interfaces live. */
    private static final String ROUTER = "dev.lambdarouter.router.RouterHandler";

    private static final String BARE = "dev.lambdarouter.benchmarks.lambda.BareInvokeHandler";
    private static final String TOTAL = "total_ms";

    private ColdStartHarness() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        try (LoopbackAws aws = LoopbackAws.start()) {
            LambdaJvm lambda = LambdaJvm.unpack(root, aws.endpoint());
            Map<String, LambdaJvm> jvms = new LinkedHashMap<>();
            jvms.put(ROUTER, lambda);
            jvms.put(BARE, lambda.withoutSdkInstrumentation());
            System.out.printf(
                    "cold start: %d fresh JVMs per row, flags %s, ms median [p90]%n",
                    runs, String.join(" ", LambdaJvm.TEMPLATE_FLAGS));
            System.out.printf(
                    "%-7s %-7s %13s %13s %13s %13s %13s %13s %13s%n",
                    "mode", "handler", "JVM→main", "init", "prime", "1st request", "2nd request", "total", "CPU total");
            for (String mode : List.of("plain", "primed")) {
                Map<String, List<Map<String, Long>>> results = new LinkedHashMap<>();
                jvms.keySet().forEach(handler -> results.put(handler, new ArrayList<>()));
                for (int i = 0; i < runs; i++) {
                    for (Map.Entry<String, LambdaJvm> jvm : jvms.entrySet()) {
                        Map<String, Long> figures = jvm.getValue()
                                .initializedAs(mode.equals("plain") ? "on-demand" : "snap-start")
                                .run(
                                        LambdaJvm.TEMPLATE_FLAGS,
                                        ColdStartProbe.class.getName(),
                                        ColdStartProbe.MARKER,
                                        jvm.getKey(),
                                        mode);
                        figures.put(
                                TOTAL,
                                figures.get("jvm_to_main_ms")
                                        + figures.get("init_ms")
                                        + figures.get("first_request_ms"));
                        results.get(jvm.getKey()).add(figures);
                    }
                }
                report(mode, results);
            }
        }
    }

    private static void report(String mode, Map<String, List<Map<String, Long>>> results) {
        List<Long> totals = new ArrayList<>();
        List<Long> cpuTotals = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Long>>> handler : results.entrySet()) {
            List<Map<String, Long>> runs = handler.getValue();
            StringBuilder row = new StringBuilder(
                    String.format("%-7s %-7s", mode, handler.getKey().equals(ROUTER) ? "router" : "bare"));
            for (String key : List.of(
                    "jvm_to_main_ms",
                    "init_ms",
                    "prime_ms",
                    "first_request_ms",
                    "second_request_ms",
                    TOTAL,
                    "cpu_to_first_answer_ms")) {
                List<Long> values = runs.stream().map(r -> r.get(key)).toList();
                row.append(String.format(" %7d [%4d]", Percentiles.of(values, 50), Percentiles.of(values, 90)));
            }
            totals.add(Percentiles.of(runs.stream().map(r -> r.get(TOTAL)).toList(), 50));
            cpuTotals.add(Percentiles.of(
                    runs.stream().map(r -> r.get("cpu_to_first_answer_ms")).toList(), 50));
            System.out.println(row);
        }
        System.out.printf(
                "%-7s ratio router/bare of the median totals: %.2fx (of the CPU totals: %.2fx)%n",
                mode, (double) totals.get(0) / totals.get(1), (double) cpuTotals.get(0) / cpuTotals.get(1));
    }
}
