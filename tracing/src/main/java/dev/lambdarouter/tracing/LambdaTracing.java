package dev.lambdarouter.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry for a Lambda function, set up from its environment, and the X-Ray trace header at both ends of an
 * invocation.
 *
 * <p>Where spans go, first match wins:
 * <ol>
 *   <li>{@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_ENDPOINT} set: OTLP over HTTP
 *       (protobuf, the JDK's HTTP client) to a collector, e.g. a collector Lambda layer on
 *       {@code http://localhost:4318}; spans are batched and {@link #flush flushed} at the end of each invocation;</li>
 *   <li>{@code AWS_XRAY_DAEMON_ADDRESS} set (Lambda sets it): X-Ray segment documents over UDP to that daemon, one
 *       datagram per span as it ends ({@link XRayDaemonExporter});</li>
 *   <li>neither: {@link #OFF}, OpenTelemetry's no-op implementation.</li>
 * </ol>
 * Sampling follows the incoming header's {@code Sampled} flag (Lambda's decision with active tracing); a trace that
 * starts here is sampled. Trace ids are X-Ray's ({@link XRayIdGenerator}). No thread or socket is created before
 * the first span ends, except the OTLP batch thread, which a SnapStart restore resumes unharmed.
 */
public final class LambdaTracing {

    /** The X-Ray trace header, as HTTP header and as event header. */
    public static final String TRACE_HEADER = "X-Amzn-Trace-Id";

    /** The system property the Lambda Java runtime sets to the invocation's trace header. */
    static final String LAMBDA_TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

    /** The environment variable Lambda sets to the invocation's trace header. */
    static final String LAMBDA_TRACE_VARIABLE = "_X_AMZN_TRACE_ID";

    /** Tracing switched off: no span is recorded or sent, every header is ignored. */
    public static final LambdaTracing OFF = new LambdaTracing(OpenTelemetry.noop(), null, Map.of());

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final AwsXrayPropagator XRAY = AwsXrayPropagator.getInstance();

    private final OpenTelemetry openTelemetry;
    private final SdkTracerProvider provider;
    private final Map<String, String> environment;

    private LambdaTracing(OpenTelemetry openTelemetry, SdkTracerProvider provider, Map<String, String> environment) {
        this.openTelemetry = openTelemetry;
        this.provider = provider;
        this.environment = environment;
    }

    /** Tracing as this process's environment says; {@code defaultServiceName} when it names no service. */
    public static LambdaTracing fromEnvironment(String defaultServiceName) {
        return from(System.getenv(), defaultServiceName);
    }

    /** Tracing as {@code environment} says (see the class comment). */
    public static LambdaTracing from(Map<String, String> environment, String defaultServiceName) {
        String service = serviceName(environment, defaultServiceName);
        String otlp = otlpTracesEndpoint(environment);
        if (otlp != null) {
            return create(
                    BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                    .setEndpoint(otlp)
                                    .build())
                            .build(),
                    service,
                    environment);
        }
        String daemon = environment.get("AWS_XRAY_DAEMON_ADDRESS");
        if (daemon != null && !daemon.isBlank()) {
            return create(
                    SimpleSpanProcessor.create(new XRayDaemonExporter(daemonAddress(daemon), service)),
                    service,
                    environment);
        }
        return OFF;
    }

    /** Spans to the X-Ray daemon at {@code daemon}; the trace header only from events (tests, local stacks). */
    public static LambdaTracing toXRayDaemon(InetSocketAddress daemon, String serviceName) {
        return create(SimpleSpanProcessor.create(new XRayDaemonExporter(daemon, serviceName)), serviceName, Map.of());
    }

    private static LambdaTracing create(SpanProcessor processor, String service, Map<String, String> environment) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, service))))
                .setIdGenerator(new XRayIdGenerator())
                .addSpanProcessor(processor)
                .build();
        return new LambdaTracing(new TracesOnly(provider, ContextPropagators.create(XRAY)), provider, environment);
    }

    /** False for {@link #OFF}. */
    public boolean on() {
        return provider != null;
    }

    /** The API to instrument with (the AWS SDK instrumentation takes it). */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /** A tracer for {@code instrumentationScope} (e.g. {@code dev.lambdarouter.router}). */
    public Tracer tracer(String instrumentationScope) {
        return openTelemetry.getTracer(instrumentationScope);
    }

    /**
     * The parent of this invocation's spans: the trace header the Lambda runtime got with the invocation (the
     * function segment Lambda records with active tracing), else {@code eventTraceHeader} (the
     * {@code x-amzn-trace-id} of the ALB or of the router, in the event); the root context when neither names a
     * parent, so that a new trace starts.
     */
    public Context invocationParent(String eventTraceHeader) {
        if (!on()) {
            return Context.root();
        }
        String lambdaHeader = System.getProperty(LAMBDA_TRACE_PROPERTY);
        if (lambdaHeader == null || lambdaHeader.isBlank()) {
            lambdaHeader = environment.get(LAMBDA_TRACE_VARIABLE);
        }
        Context fromLambda = extract(lambdaHeader);
        return Span.fromContext(fromLambda).getSpanContext().isValid() ? fromLambda : extract(eventTraceHeader);
    }

    /**
     * The X-Ray trace header naming the span of {@code context} as parent ({@code Root=...;Parent=...;Sampled=1}),
     * to pass on to a worker; null when {@code context} has no valid span (tracing off).
     */
    public static String traceHeader(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        XRAY.inject(context, carrier, Map::put);
        return carrier.get(TRACE_HEADER);
    }

    /** Sends what is buffered (OTLP), waiting at most 2 s; call before the invocation returns. */
    public void flush() {
        if (provider != null) {
            provider.forceFlush().join(2, TimeUnit.SECONDS);
        }
    }

    private static Context extract(String header) {
        if (header == null || header.isBlank()) {
            return Context.root();
        }
        return XRAY.extract(Context.root(), Collections.singletonMap(TRACE_HEADER, header), HeaderGetter.INSTANCE);
    }

    /** {@code host:port}, or the {@code tcp:host:port udp:host:port} form: the UDP address. */
    static InetSocketAddress daemonAddress(String setting) {
        String udp = setting.trim();
        int udpPart = udp.indexOf("udp:");
        if (udpPart >= 0) {
            int end = udp.indexOf(' ', udpPart);
            udp = udp.substring(udpPart + "udp:".length(), end < 0 ? udp.length() : end);
        }
        int colon = udp.lastIndexOf(':');
        if (colon <= 0 || colon == udp.length() - 1) {
            throw new IllegalArgumentException(
                    "AWS_XRAY_DAEMON_ADDRESS must be host:port or 'tcp:host:port udp:host:port', not '" + setting
                            + "'");
        }
        try {
            return new InetSocketAddress(udp.substring(0, colon), Integer.parseInt(udp.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AWS_XRAY_DAEMON_ADDRESS has no valid port: '" + setting + "'", e);
        }
    }

    /** The traces endpoint: the signal-specific variable as is, or the base endpoint plus {@code /v1/traces}. */
    static String otlpTracesEndpoint(Map<String, String> environment) {
        String traces = environment.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (traces != null && !traces.isBlank()) {
            return traces.trim();
        }
        String base = environment.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (base == null || base.isBlank()) {
            return null;
        }
        base = base.trim();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
    }

    private static String serviceName(Map<String, String> environment, String fallback) {
        for (String variable : new String[] {"OTEL_SERVICE_NAME", "AWS_LAMBDA_FUNCTION_NAME"}) {
            String name = environment.get(variable);
            if (name != null && !name.isBlank()) {
                return name.trim();
            }
        }
        return fallback;
    }

    /**
     * The API with traces only: metrics and logs stay OpenTelemetry's no-ops, so the SDK's metrics and logs parts
     * (and the {@code opentelemetry-sdk} aggregate that wires them) need not be loaded.
     */
    private record TracesOnly(TracerProvider tracerProvider, ContextPropagators propagators) implements OpenTelemetry {
        @Override
        public TracerProvider getTracerProvider() {
            return tracerProvider;
        }

        @Override
        public ContextPropagators getPropagators() {
            return propagators;
        }
    }

    /** Reads the one-entry carrier of {@link #extract}, ignoring the case of the header name. */
    private enum HeaderGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(TRACE_HEADER);
        }
    }
}
