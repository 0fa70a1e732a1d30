package dev.lambdarouter.benchmarks.lambda;

import java.nio.charset.StandardCharsets;

/** The route, the ALB event and the worker's answer shared by the cold-start and warm-overhead harnesses. */
public final class BenchmarkEvents {

    /** The one route the stub's Parameter Store holds: weighted 90/10, sticky by header. */
    public static final String ROUTE = "{\"name\":\"orders\",\"priority\":100,\"match\":{\"paths\":[{\"prefix\":"
            + "\"/orders\"}]},\"targets\":[{\"function\":\"orders-v1\",\"weight\":90},{\"function\":\"orders-v2\","
            + "\"weight\":10}],\"stickiness\":{\"type\":\"header\",\"name\":\"x-user-id\"}}";

    /** The functions the route invokes (the template's ROUTER_ALLOWED_FUNCTIONS). */
    public static final String WORKERS = "orders-v1,orders-v2";

    /** A JSON document of 1,024 bytes, the body of the request and of the worker's answer. */
    static final String KILOBYTE_JSON = kilobyteJson();

    /**
     * An ALB event (single-value headers, as the template's target group sends) for {@code POST /orders/42} with a
     * 1 KB JSON body and the headers a browser behind the load balancer sends.
     */
    public static final byte[] ALB_EVENT = ("{\"requestContext\":{\"elb\":{\"targetGroupArn\":"
                    + "\"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/router/0123456789abcdef\"}},"
                    + "\"httpMethod\":\"POST\",\"path\":\"/orders/42\",\"queryStringParameters\":{\"expand\":\"items\"},"
                    + "\"headers\":{\"host\":\"api.example.com\",\"accept\":\"application/json\","
                    + "\"accept-encoding\":\"gzip, deflate, br\",\"content-type\":\"application/json\","
                    + "\"user-agent\":\"Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0\",\"x-forwarded-for\":\"203.0.113.9\","
                    + "\"x-forwarded-port\":\"443\",\"x-forwarded-proto\":\"https\",\"x-user-id\":\"u-1\","
                    + "\"x-amzn-trace-id\":\"Root=1-5f0c1a2b-0123456789abcdef01234567\"},"
                    + "\"body\":" + quote(KILOBYTE_JSON) + ",\"isBase64Encoded\":false}")
            .getBytes(StandardCharsets.UTF_8);

    /** What every loopback worker answers: an ALB response with a 1 KB JSON body. */
    public static final byte[] WORKER_ANSWER = ("{\"statusCode\":200,\"statusDescription\":\"200 OK\","
                    + "\"headers\":{\"content-type\":\"application/json\"},\"isBase64Encoded\":false,\"body\":"
                    + quote(KILOBYTE_JSON) + "}")
            .getBytes(StandardCharsets.UTF_8);

    private BenchmarkEvents() {}

    /** Whether {@code answer} (an ALB response from the router or the worker) is the worker's 200. */
    public static boolean isOk(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        return text.contains("\"statusCode\":200") && text.contains("sku-0000");
    }

    private static String kilobyteJson() {
        StringBuilder json = new StringBuilder("{\"items\":[");
        for (int i = 0; json.length() < 950; i++) {
            json.append(i == 0 ? "" : ",").append(String.format("{\"sku\":\"sku-%04d\",\"qty\":%d}", i, i % 7 + 1));
        }
        json.append("],\"note\":\"");
        while (json.length() < 1_022) {
            json.append('x');
        }
        return json.append("\"}").toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
