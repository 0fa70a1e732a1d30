package dev.lambdarouter.router.observability;

import dev.lambdarouter.tracing.LambdaTracing;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Makes each call of an AWS SDK client (Lambda Invoke, Parameter Store reads) a child span of the current one, with
 * the OpenTelemetry AWS SDK v2 instrumentation's {@link ExecutionInterceptor}, which also sends the call's
 * {@code X-Amzn-Trace-Id} header (so that Lambda continues the trace into the worker). {@link #NONE} adds nothing.
 */
public final class SdkCallTracing {

    /** Tracing off: clients are left as they are. */
    public static final SdkCallTracing NONE = new SdkCallTracing(null);

    private final ExecutionInterceptor interceptor;

    private SdkCallTracing(ExecutionInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    /** The SDK calls' spans under {@code tracing}; {@link #NONE} when it is off. */
    public static SdkCallTracing of(LambdaTracing tracing) {
        return tracing.on()
                ? new SdkCallTracing(
                        AwsSdkTelemetry.create(tracing.openTelemetry()).createExecutionInterceptor())
                : NONE;
    }

    /** {@code builder} with the interceptor added to the override configuration it already has. */
    public <B extends SdkClientBuilder<B, ?>> B instrument(B builder) {
        if (interceptor == null) {
            return builder;
        }
        ClientOverrideConfiguration current = builder.overrideConfiguration();
        return builder.overrideConfiguration(
                current.toBuilder().addExecutionInterceptor(interceptor).build());
    }
}
