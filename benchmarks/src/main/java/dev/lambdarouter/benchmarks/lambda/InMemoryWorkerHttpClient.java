package dev.lambdarouter.benchmarks.lambda;

import java.io.ByteArrayInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client answering every Lambda Invoke in memory with {@link BenchmarkEvents#WORKER_ANSWER}: the bare
 * handler's priming runs the SDK's marshalling, signing and unmarshalling without a connection.
 */
final class InMemoryWorkerHttpClient implements SdkHttpClient {

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder()
                                .statusCode(200)
                                .putHeader("Content-Type", "application/json")
                                .putHeader("Content-Length", Integer.toString(BenchmarkEvents.WORKER_ANSWER.length))
                                .putHeader("x-amzn-RequestId", "priming")
                                .build())
                        .responseBody(
                                AbortableInputStream.create(new ByteArrayInputStream(BenchmarkEvents.WORKER_ANSWER)))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    @Override
    public String clientName() {
        return "InMemoryWorker";
    }

    @Override
    public void close() {}
}
