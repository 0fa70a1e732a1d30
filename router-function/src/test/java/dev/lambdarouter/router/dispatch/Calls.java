package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.engine.ConfigValidationException;
import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.FaultPolicy;
import dev.lambdarouter.engine.Forward;
import dev.lambdarouter.engine.Mirror;
import dev.lambdarouter.engine.RetryPolicy;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.engine.RoutingTable;
import dev.lambdarouter.router.observability.RouterTracer.DispatchSpan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Calls, outcomes and scripted chains for the dispatch step tests. */
final class Calls {

    static final DispatchOutcome THROTTLED_2S =
            new DispatchOutcome.Failed(DispatchOutcome.Failure.THROTTLED, "rate exceeded", Duration.ofSeconds(2));
    static final DispatchOutcome FUNCTION_ERROR = new DispatchOutcome.FunctionFailed("Unhandled", new byte[0], "r");
    static final DispatchOutcome OK =
            new DispatchOutcome.Responded("{\"statusCode\":200}".getBytes(StandardCharsets.UTF_8), "r");
    static final DispatchOutcome INVALID_ANSWER =
            new DispatchOutcome.Responded("{\"statusCode\":\"teapot\"}".getBytes(StandardCharsets.UTF_8), "r");
    static final DispatchOutcome TOO_LARGE =
            new DispatchOutcome.Failed(DispatchOutcome.Failure.PAYLOAD_TOO_LARGE, "too large", null);

    private Calls() {}

    /** A sync call of {@code fn} on route {@code r}, with no mirror. */
    static DispatchCall call(Duration timeout, RetryPolicy policy, boolean idempotent) {
        return new DispatchCall(
                "r",
                "fn",
                DispatchMode.SYNC,
                new byte[0],
                timeout,
                policy,
                idempotent,
                Optional.empty(),
                shadow -> ("shadow event for " + shadow).getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                new SplittableRandom(1),
                DispatchSpan.NONE);
    }

    /** {@code c} in the trace span {@code span}. */
    static DispatchCall traced(DispatchCall c, DispatchSpan span) {
        return new DispatchCall(
                c.route(),
                c.target(),
                c.mode(),
                c.payload(),
                c.timeout(),
                c.retryPolicy(),
                c.idempotent(),
                c.mirror(),
                c.shadowEvent(),
                c.fault(),
                c.random(),
                span);
    }

    static DispatchCall mirrored(double percent) {
        DispatchCall c = call(Duration.ofSeconds(5), RetryPolicy.DEFAULT, true);
        return new DispatchCall(
                c.route(),
                c.target(),
                c.mode(),
                c.payload(),
                c.timeout(),
                c.retryPolicy(),
                c.idempotent(),
                Optional.of(new Mirror("shadow", percent)),
                c.shadowEvent(),
                c.fault(),
                c.random(),
                c.span());
    }

    /** {@code c} with the fault injection that {@code faultJson} (a route's {@code fault} field) compiles to. */
    static DispatchCall faulted(DispatchCall c, String faultJson) {
        FaultPolicy fault;
        try {
            Forward forward = (Forward) RoutingTable.compile(
                            "1",
                            List.of(new RouteParameter(
                                    "/p/routes/r",
                                    "{\"name\":\"r\",\"priority\":1,\"targets\":[{\"function\":\"fn\"}],"
                                            + "\"timeoutMs\":60000,\"fault\":" + faultJson + "}")))
                    .routes()
                    .get(0)
                    .action();
            fault = forward.fault().orElseThrow();
        } catch (ConfigValidationException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return new DispatchCall(
                c.route(),
                c.target(),
                c.mode(),
                c.payload(),
                c.timeout(),
                c.retryPolicy(),
                c.idempotent(),
                c.mirror(),
                c.shadowEvent(),
                Optional.of(fault),
                c.random(),
                c.span());
    }

    /** The rest of a chain that answers from a script (the last entry repeats) and records what it was given. */
    static class Scripted implements DispatchStep.Chain {
        final List<DispatchCall> calls = new ArrayList<>();
        private final DispatchResult[] script;
        boolean admits = true;

        Scripted(DispatchResult... script) {
            this.script = script;
        }

        static Scripted invoked(DispatchOutcome... outcomes) {
            DispatchResult[] results = new DispatchResult[outcomes.length];
            for (int i = 0; i < outcomes.length; i++) {
                results[i] = DispatchResult.invoked(outcomes[i]);
            }
            return new Scripted(results);
        }

        @Override
        public DispatchResult proceed(DispatchCall call) {
            calls.add(call);
            return script[Math.min(calls.size() - 1, script.length - 1)];
        }

        @Override
        public boolean admits(String target) {
            return admits;
        }
    }
}
