package dev.lambdarouter.benchmarks.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** The Lambda runtime's {@link Context} of one invocation, as far as the handlers use it: a 30 s deadline. */
public final class ProbeContext implements Context {
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
