package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.router.dispatch.DispatchOutcome.Failed;
import dev.lambdarouter.router.dispatch.DispatchOutcome.Failure;
import java.net.SocketTimeoutException;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.lambda.model.Ec2ThrottledException;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.SerializedRequestEntityTooLargeException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Turns an exception from {@code LambdaClient.invoke} into a {@link Failed} outcome with a one-line detail. */
final class InvokeFailures {

    private static final int MAX_DETAIL_CHARS = 1000;

    private InvokeFailures() {}

    static Failed classify(Invocation invocation, SdkException e) {
        String function = "'" + invocation.functionName() + "'";
        if (e instanceof ApiCallTimeoutException
                || e instanceof ApiCallAttemptTimeoutException
                || hasCause(e, SocketTimeoutException.class)) {
            return failed(
                    Failure.TIMEOUT,
                    "Lambda did not answer the " + LambdaDispatcher.invocationType(invocation) + " invocation of "
                            + function + " within " + invocation.timeout().toMillis() + " ms",
                    null);
        }
        if (e instanceof SdkServiceException service) {
            return classifyService(function, service);
        }
        if (e instanceof SdkClientException) {
            return failed(Failure.SERVICE_ERROR, "Could not invoke " + function + ": " + rootMessage(e), null);
        }
        return failed(Failure.SERVICE_ERROR, "Invoking " + function + " failed: " + rootMessage(e), null);
    }

    private static Failed classifyService(String function, SdkServiceException e) {
        String facts = serviceFacts(e);
        if (e instanceof TooManyRequestsException throttled) {
            String reason = throttled.reasonAsString();
            return failed(
                    Failure.THROTTLED,
                    "Lambda throttled the invocation of " + function + (reason == null ? "" : " (" + reason + ")")
                            + facts,
                    retryAfter(throttled.retryAfterSeconds()));
        }
        if (e instanceof Ec2ThrottledException || e.statusCode() == 429) {
            return failed(Failure.THROTTLED, "Lambda throttled the invocation of " + function + facts, null);
        }
        if (e instanceof ResourceNotFoundException || e.statusCode() == 404) {
            return failed(Failure.FUNCTION_NOT_FOUND, "Function " + function + " was not found" + facts, null);
        }
        if (e instanceof RequestTooLargeException
                || e instanceof SerializedRequestEntityTooLargeException
                || e.statusCode() == 413) {
            return failed(
                    Failure.PAYLOAD_TOO_LARGE,
                    "Lambda rejected the payload for " + function + " as too large" + facts,
                    null);
        }
        if (e.statusCode() == 403 || e.statusCode() == 401 || "AccessDeniedException".equals(errorCode(e))) {
            return failed(Failure.ACCESS_DENIED, "Not allowed to invoke " + function + facts, null);
        }
        return failed(Failure.SERVICE_ERROR, "Lambda failed to invoke " + function + facts, null);
    }

    /** ": message (HTTP 404, ResourceNotFoundException, request id ...)" */
    private static String serviceFacts(SdkServiceException e) {
        StringBuilder facts = new StringBuilder();
        String message = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorMessage()
                : e.getMessage();
        if (message != null && !message.isBlank()) {
            facts.append(": ").append(message);
        }
        facts.append(" (HTTP ").append(e.statusCode());
        String code = errorCode(e);
        if (code != null) {
            facts.append(", ").append(code);
        }
        if (e.requestId() != null) {
            facts.append(", request id ").append(e.requestId());
        }
        return facts.append(')').toString();
    }

    private static String errorCode(SdkServiceException e) {
        return e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorCode()
                : null;
    }

    private static Duration retryAfter(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(seconds.trim());
            return value >= 0 ? Duration.ofSeconds(value) : null;
        } catch (NumberFormatException notSeconds) {
            return null; // an HTTP-date or garbage: no usable hint
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The exception's message, plus its root cause when that says something more (e.g. "Connection refused"). */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(e.getMessage());
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return message;
    }

    private static Failed failed(Failure failure, String detail, Duration retryAfter) {
        String oneLine = detail.replaceAll("[\\r\\n\\t]+", " ");
        if (oneLine.length() > MAX_DETAIL_CHARS) {
            oneLine = oneLine.substring(0, MAX_DETAIL_CHARS) + "...";
        }
        return new Failed(failure, oneLine, retryAfter);
    }
}
