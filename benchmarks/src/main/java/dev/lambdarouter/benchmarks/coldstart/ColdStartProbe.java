package dev.lambdarouter.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.lambdarouter.router.RouterHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Runs in a fresh JVM started by {@link ColdStartHarness}, on the class path Lambda would build (the router zip and
 * the dependencies layer): constructs the production {@link RouterHandler} (the init phase), optionally primes it
 * as before a SnapStart snapshot, then handles two requests. Prints one line of timings.
 */
public final class ColdStartProbe {

    private static final byte[] EVENT = """
            {"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1"}},
             "httpMethod":"GET","path":"/orders/42","queryStringParameters":{},
             "headers":{"host":"api.example.com","x-forwarded-for":"203.0.113.9","x-user-id":"u-1",
                        "x-amzn-trace-id":"Root=1-5f0c1a2b-0123456789abcdef01234567"},
             "body":"","isBase64Encoded":false}
            """.getBytes(StandardCharsets.UTF_8);

    private ColdStartProbe() {}

    public static void main(String[] args) throws Exception {
        boolean primed = args.length > 0 && args[0].equals("primed");
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long initStart = System.currentTimeMillis();
        RouterHandler handler = new RouterHandler();
        long initEnd = System.currentTimeMillis();
        long primeMs = 0;
        if (primed) {
            long t = System.nanoTime();
            handler.beforeCheckpoint(null);
            handler.afterRestore(null);
            primeMs = (System.nanoTime() - t) / 1_000_000;
        }
        long first = time(handler);
        long second = time(handler);
        System.out.printf(
                "jvm_to_main_ms=%d init_ms=%d prime_ms=%d first_request_ms=%d second_request_ms=%d%n",
                initStart - jvmStart, initEnd - initStart, primeMs, first, second);
        System.exit(0);
    }

    private static long time(RouterHandler handler) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long t = System.nanoTime();
        handler.handleRequest(new ByteArrayInputStream(EVENT), out, new ProbeContext());
        long ms = (System.nanoTime() - t) / 1_000_000;
        String answer = out.toString(StandardCharsets.UTF_8);
        if (!answer.contains("\"statusCode\":200")) {
            throw new IllegalStateException("unexpected answer: " + answer);
        }
        return ms;
    }

    /** The runtime's Context, as far as the router uses it. */
    private static final class ProbeContext implements Context {
        private final long deadline = System.currentTimeMillis() + 30_000;

        @Override
        public String getAwsRequestId() {
            return "cold-start-probe";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/router";
        }

        @Override
        public String getLogStreamName() {
            return "probe";
        }

        @Override
        public String getFunctionName() {
            return "router";
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:router:live";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) (deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
