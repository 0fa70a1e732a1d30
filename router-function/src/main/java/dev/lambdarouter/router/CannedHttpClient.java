package dev.lambdarouter.router;

import java.io.ByteArrayInputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that never touches the network: every request is answered in memory by {@code answers}. Lets
 * SnapStart priming run real SDK calls (marshalling, signing, unmarshalling) before the snapshot. Thread-safe.
 */
final class CannedHttpClient implements SdkHttpClient {

    /** One answer: status, content type and body. */
    record Answer(int status, String contentType, byte[] body) {}

    private final Function<SdkHttpRequest, Answer> answers;
    private final AtomicInteger served = new AtomicInteger();

    CannedHttpClient(Function<SdkHttpRequest, Answer> answers) {
        this.answers = Objects.requireNonNull(answers, "answers");
    }

    /** How many requests this client has answered. */
    int served() {
        return served.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                Answer answer = answers.apply(request.httpRequest());
                served.incrementAndGet();
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder()
                                .statusCode(answer.status())
                                .putHeader("Content-Type", answer.contentType())
                                .putHeader("Content-Length", Integer.toString(answer.body().length))
                                .putHeader("x-amzn-RequestId", "priming")
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body())))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    @Override
    public String clientName() {
        return "Canned";
    }

    @Override
    public void close() {}
}
