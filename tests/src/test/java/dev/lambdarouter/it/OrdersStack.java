package dev.lambdarouter.it;

import dev.lambdarouter.router.testing.FakeLambdaServer;
import dev.lambdarouter.testsupport.MotoServer;
import java.util.List;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * What the integration tests route against: Parameter Store (moto_server on loopback) and a loopback Lambda Invoke API
 * where {@code orders-v1} and {@code orders-v2} answer 200 with their own name as the body.
 */
record OrdersStack(MotoServer moto, SsmClient ssm, FakeLambdaServer lambda, LambdaClient lambdaClient)
        implements AutoCloseable {

    static OrdersStack start() throws Exception {
        MotoServer moto = MotoServer.start();
        FakeLambdaServer lambda = new FakeLambdaServer().start();
        for (String fn : List.of("orders-v1", "orders-v2")) {
            lambda.register(
                    fn,
                    FakeLambdaServer.respond(
                            "{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"" + fn
                                    + "\"}"));
        }
        return new OrdersStack(moto, moto.ssmClient(), lambda, lambda.sdkClient());
    }

    @Override
    public void close() {
        lambdaClient.close();
        lambda.close();
        ssm.close();
        moto.close();
    }
}
