package dev.lambdarouter.router.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lambdarouter.engine.DispatchMode;
import dev.lambdarouter.engine.RouteParameter;
import dev.lambdarouter.router.RequestRouter;
import dev.lambdarouter.router.RouterSettings;
import dev.lambdarouter.router.RouterWiring;
import dev.lambdarouter.router.config.RoutingTableCache;
import dev.lambdarouter.router.config.RoutingTableListener;
import dev.lambdarouter.router.config.StaticRouteRepository;
import dev.lambdarouter.router.dispatch.DispatchOutcome;
import dev.lambdarouter.router.dispatch.Invocation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real {@link RequestRouter} over a fixed route table whose workers live in memory: sync invocations answer
 * with {@link #workerAnswer(byte[]) the current worker payload}, async ones are accepted. No network, no logs,
 * so that a fuzzer can run tens of thousands of requests a second through the whole flow.
 *
 * <p>The workers count what they receive and check every event with {@link WorkerEventTypes}: the first event an
 * ALB could not have produced is kept for {@link #malformedWorkerEvent()}.
 */
final class InMemoryRouter {

    /**
     * One route per matcher kind and route feature (stickiness, async, fixed response, mirror, fallback, retry,
     * fault injection), so that fuzzed requests reach every part of the routing engine and the router. The fault
     * aborts with a 4xx (a hostile request never gets a 5xx) and delays by 1 ms, for requests with {@code x-fault}.
     */
    static final String ROUTES = """
            [{"name":"orders","priority":10,"match":{"paths":[{"prefix":"/orders"}],"methods":["GET","POST","PUT"]},
              "targets":[{"function":"orders-v1","weight":90},{"function":"orders-v2","weight":10}],
              "stickiness":{"type":"header","name":"x-user-id"}},
             {"name":"users","priority":20,"match":{"paths":[{"template":"/users/{id}/items/{item}"}],
              "hosts":["api.example.com","*.example.org"]},
              "targets":[{"function":"users","weight":1}],"stickiness":{"type":"cookie","name":"session"}},
             {"name":"static","priority":30,"match":{"paths":[{"glob":"/static/**/*.css"},{"exact":"/favicon.ico"}]},
              "targets":[{"function":"assets","weight":1}],"stickiness":{"type":"sourceIp"}},
             {"name":"canary","priority":40,"match":{"headers":[{"name":"x-canary","exact":"true"},
              {"name":"user-agent","regex":".*Mobile.*"},{"name":"x-tenant","present":true}]},
              "targets":[{"function":"canary","weight":1}]},
             {"name":"versioned","priority":50,"match":{"query":[{"name":"version","exact":"2"}],
              "sourceCidrs":["10.0.0.0/8","2001:db8::/32"]},
              "targets":[{"function":"v2","weight":1}]},
             {"name":"shadowed","priority":55,"match":{"paths":[{"prefix":"/shadowed"}]},
              "targets":[{"function":"primary","weight":1}],"fallback":"spare",
              "mirror":{"function":"shadow","percent":100},
              "retry":{"maxAttempts":2,"functionErrors":"never","baseDelayMs":1,"maxDelayMs":1}},
             {"name":"rehearsal","priority":58,"match":{"paths":[{"prefix":"/rehearsal"}]},
              "targets":[{"function":"rehearsal-v1","weight":1},{"function":"rehearsal-v2","weight":1}],
              "fault":{"abort":{"percent":50,"status":429},"delay":{"percent":1,"ms":1},"target":"rehearsal-v2",
               "header":{"name":"x-fault"}}},
             {"name":"jobs","priority":60,"match":{"paths":[{"prefix":"/jobs"}]},"mode":"async",
              "targets":[{"function":"jobs","weight":1}]},
             {"name":"maintenance","priority":70,"match":{"paths":[{"prefix":"/maintenance"}]},
              "fixedResponse":{"status":503,"contentType":"application/json","body":"{\\"message\\":\\"back soon\\"}"}}]
            """;

    /** Lambda's request id for every in-memory invocation. */
    static final String LAMBDA_REQUEST_ID = "00000000-0000-4000-8000-000000000001";

    /** A valid worker answer with a header of each kind and a body that needs escaping. */
    static final byte[] VALID_WORKER_ANSWER = """
            {"statusCode":201,"statusDescription":"201 Created",
             "headers":{"content-type":"application/json","x-worker":"orders-v1"},
             "multiValueHeaders":{"set-cookie":["a=1","b=2"]},
             "body":"{\\"id\\":42,\\"note\\":\\"line\\\\nbreak\\"}","isBase64Encoded":false}
            """.getBytes(StandardCharsets.UTF_8);

    static final ObjectMapper JSON = new ObjectMapper();

    /** Generous: a fuzzed request must never run into the router's own deadline. */
    private static final Duration REMAINING_TIME = Duration.ofMinutes(5);

    private final RequestRouter router;
    private volatile byte[] workerAnswer = VALID_WORKER_ANSWER;
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicReference<String> malformedWorkerEvent = new AtomicReference<>();

    InMemoryRouter() {
        RouterSettings settings = RouterSettings.from(Map.of());
        RoutingTableCache tables = new RoutingTableCache(
                new StaticRouteRepository(
                        "fuzz-1", List.of(new RouteParameter("/lambda-router/fuzz/routes/all", ROUTES))),
                settings,
                RoutingTableListener.NONE,
                Runnable::run,
                System::nanoTime,
                () -> 0.0);
        if (tables.refreshNow() == null) {
            throw new IllegalStateException("the fuzz route table does not compile: " + tables.lastFailure());
        }
        router = RouterWiring.builder(settings, tables, this::dispatch)
                .mapper(JSON)
                .build()
                .router();
    }

    /** What sync workers answer from now on (not checked: that is the router's job). */
    InMemoryRouter workerAnswer(byte[] payload) {
        this.workerAnswer = payload;
        return this;
    }

    /** Routes one ALB event, as the Lambda handler would. */
    byte[] handle(byte[] albEvent) {
        return router.handle(albEvent, REMAINING_TIME);
    }

    /** How many invocations (sync, async and mirror copies) the workers received so far. */
    int invocations() {
        return invocations.get();
    }

    /** The first worker event an ALB could not have produced, with what is wrong with it; null if none so far. */
    String malformedWorkerEvent() {
        return malformedWorkerEvent.get();
    }

    private DispatchOutcome dispatch(Invocation invocation) {
        invocations.incrementAndGet();
        String violation = WorkerEventTypes.violation(invocation.payload());
        if (violation != null) {
            malformedWorkerEvent.compareAndSet(
                    null, violation + ": " + new String(invocation.payload(), StandardCharsets.UTF_8));
        }
        if (invocation.mode() == DispatchMode.ASYNC) {
            return new DispatchOutcome.Accepted(LAMBDA_REQUEST_ID);
        }
        return new DispatchOutcome.Responded(workerAnswer, LAMBDA_REQUEST_ID);
    }
}
