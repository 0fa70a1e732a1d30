package dev.lambdarouter.localstack.bootstrap;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Loads a handler the way the managed Java runtime does ({@code package.Class::handleRequest} or {@code package.Class});
 * a class implementing {@code RequestStreamHandler} gets the raw bytes, one implementing
 * {@code RequestHandler<I, O>} gets its input deserialised and its output serialised with
 * {@code aws-lambda-java-serialization} (Lambda's supported event types with their mix-ins, everything else with the
 * runtime's Jackson configuration). The handler class is instantiated once (its constructor and static initialisers
 * are the cold start).
 */
final class HandlerLoader {

    private static final String CORE = "com.amazonaws.services.lambda.runtime.";
    private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.UTF_8);

    private HandlerLoader() {}

    /** One loaded handler: turns an event's bytes and a {@code Context} (of the function's loader) into the answer. */
    interface Handler {
        byte[] handle(byte[] event, Object context) throws Throwable;
    }

    static Handler load(String handler, ClassLoader loader) throws Throwable {
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        String methodName = separator < 0 ? null : handler.substring(separator + 2);
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new ClassNotFoundException(
                    className + " (handler " + handler + ") is not in the function's code or layers", e);
        }
        Class<?> contextType = optionalClass(CORE + "Context", loader);
        Class<?> streamType = optionalClass(CORE + "RequestStreamHandler", loader);
        Class<?> pojoType = optionalClass(CORE + "RequestHandler", loader);
        if (methodName != null && !methodName.equals("handleRequest")) {
            throw new IllegalArgumentException("The local stack runs handleRequest of RequestHandler or"
                    + " RequestStreamHandler; handler " + handler + " names another method");
        }
        if (streamType != null && streamType.isAssignableFrom(type)) {
            Method method = streamType.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
            Object instance = newInstance(type);
            return (event, context) -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                invoke(method, instance, new Object[] {new ByteArrayInputStream(event), out, context});
                return out.toByteArray();
            };
        }
        if (pojoType != null && pojoType.isAssignableFrom(type)) {
            // The class's own handleRequest(I, Context) (not the erased bridge) names the actual I and O.
            Method typed = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals("handleRequest") && !m.isBridge() && m.getParameterCount() == 2)
                    .filter(m -> m.getParameterTypes()[1] == contextType)
                    .findFirst()
                    .orElseThrow();
            Method method = pojoType.getMethod("handleRequest", Object.class, contextType);
            return pojoAdapter(
                    newInstance(type),
                    method,
                    concrete(typed.getGenericParameterTypes()[0]),
                    concrete(typed.getGenericReturnType()),
                    loader);
        }
        throw new IllegalArgumentException(
                "Class " + className + " does not implement RequestHandler or RequestStreamHandler");
    }

    private static Handler pojoAdapter(Object instance, Method method, Type input, Type output, ClassLoader loader) {
        PojoSerializer<Object> reader = serializer(input, loader);
        PojoSerializer<Object> writer = output == Void.class ? null : serializer(output, loader);
        return (event, context) -> {
            Object request;
            try {
                request = reader.fromJson(new ByteArrayInputStream(event));
            } catch (RuntimeException e) {
                throw new RuntimeException("An error occurred during JSON parsing", e);
            }
            Object result = invoke(method, instance, new Object[] {request, context});
            if (writer == null || result == null) {
                return JSON_NULL;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                writer.toJson(result, out);
            } catch (RuntimeException e) {
                throw new RuntimeException("An error occurred during JSON serialization of response", e);
            }
            return out.toByteArray();
        };
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Type type, ClassLoader loader) {
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            return LambdaEventSerializers.serializerFor((Class<Object>) c, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    private static Type concrete(Type type) {
        return type instanceof Class<?> || type instanceof ParameterizedType ? type : Object.class;
    }

    private static Object newInstance(Class<?> type) throws Throwable {
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new NoSuchMethodException("Class " + type.getName() + " has no public zero-argument constructor");
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object invoke(Method method, Object instance, Object[] args) throws Throwable {
        try {
            return method.invoke(instance, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Class<?> optionalClass(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
