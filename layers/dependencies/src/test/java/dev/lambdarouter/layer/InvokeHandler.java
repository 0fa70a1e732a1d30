package dev.lambdarouter.layer;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * Invokes a {@code RequestHandler<Map, ?>} by class name once with an empty event and prints {@code result: ...}: a
 * stand-in for the Lambda runtime in a JVM whose class path is the layer and a function zip only.
 */
public final class InvokeHandler {

    private InvokeHandler() {}

    public static void main(String[] args) throws Exception {
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        Method handle = handler.getClass()
                .getMethod("handleRequest", Map.class, Class.forName("com.amazonaws.services.lambda.runtime.Context"));
        System.out.println("result: " + handle.invoke(handler, Map.of(), null));
    }
}
