package dev.lambdarouter.localstack.bootstrap;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Loads a handler the way the managed Java runtime does: {@code package.Class::method} or {@code package.Class};
 * a class implementing {@code RequestStreamHandler} gets the raw bytes, one implementing
 * {@code RequestHandler<I, O>} (or a named POJO method) gets its input deserialised and its output serialised with
 * {@code aws-lambda-java-serialization} (Lambda's supported event types with their mix-ins, everything else with the
 * runtime's Jackson configuration). The handler class is instantiated once (its constructor and static initialisers
 * are the cold start).
 */
final class HandlerLoader {

    private static final String CORE = "com.amazonaws.services.lambda.runtime.";
    private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.UTF_8);

    private HandlerLoader() {}

    static HandlerAdapter load(String handler, ClassLoader loader) throws Throwable {
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
        boolean interfaceMethod = methodName == null || methodName.equals("handleRequest");
        if (interfaceMethod && streamType != null && streamType.isAssignableFrom(type)) {
            Method method = streamType.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
            return streamAdapter(newInstance(type), method, true);
        }
        if (interfaceMethod && pojoType != null && pojoType.isAssignableFrom(type)) {
            Type[] io = requestHandlerTypes(type, pojoType);
            Method method = pojoType.getMethod("handleRequest", Object.class, contextType);
            return pojoAdapter(newInstance(type), method, io[0], io[1], true, loader);
        }
        if (methodName == null) {
            throw new IllegalArgumentException("Class " + className
                    + " does not implement RequestHandler or RequestStreamHandler, and the handler names no method");
        }
        return methodAdapter(type, methodName, contextType, loader);
    }

    private static HandlerAdapter methodAdapter(Class<?> type, String name, Class<?> contextType, ClassLoader loader)
            throws Throwable {
        List<Method> candidates = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && !m.isBridge() && m.getParameterCount() <= 3) {
                candidates.add(m);
            }
        }
        if (candidates.isEmpty()) {
            throw new NoSuchMethodException("No public method named " + name + " in " + type.getName());
        }
        candidates.sort(Comparator.comparingInt(Method::getParameterCount).reversed());
        Method method = candidates.get(0);
        Object instance = Modifier.isStatic(method.getModifiers()) ? null : newInstance(type);
        Class<?>[] params = method.getParameterTypes();
        boolean streams = params.length >= 2 && params[0] == InputStream.class && params[1] == OutputStream.class;
        if (streams) {
            return streamAdapter(instance, method, params.length == 3);
        }
        boolean withContext = params.length > 0 && contextType != null && params[params.length - 1] == contextType;
        int inputs = params.length - (withContext ? 1 : 0);
        if (inputs > 1) {
            throw new IllegalArgumentException("Handler method " + name + " of " + type.getName()
                    + " must take (input[, Context]) or (InputStream, OutputStream[, Context])");
        }
        Type input = inputs == 1 ? method.getGenericParameterTypes()[0] : null;
        return pojoAdapter(instance, method, input, method.getGenericReturnType(), withContext, loader);
    }

    private static HandlerAdapter streamAdapter(Object instance, Method method, boolean withContext) {
        return (event, context) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Object[] args = withContext
                    ? new Object[] {new ByteArrayInputStream(event), out, context}
                    : new Object[] {new ByteArrayInputStream(event), out};
            invoke(method, instance, args);
            return out.toByteArray();
        };
    }

    private static HandlerAdapter pojoAdapter(
            Object instance, Method method, Type input, Type output, boolean withContext, ClassLoader loader) {
        PojoSerializer<Object> reader = input == null ? null : serializer(input, loader);
        boolean isVoid = output == void.class || output == Void.class;
        PojoSerializer<Object> writer = isVoid ? null : serializer(output, loader);
        return (event, context) -> {
            List<Object> args = new ArrayList<>(2);
            if (reader != null) {
                try {
                    args.add(reader.fromJson(new ByteArrayInputStream(event)));
                } catch (RuntimeException e) {
                    throw new RuntimeException("An error occurred during JSON parsing", e);
                }
            }
            if (withContext) {
                args.add(context);
            }
            Object result = invoke(method, instance, args.toArray());
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

    /** The actual {@code I} and {@code O} of {@code RequestHandler<I, O>} somewhere in the class's hierarchy. */
    private static Type[] requestHandlerTypes(Class<?> type, Class<?> requestHandler) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            List<Type> interfaces = new ArrayList<>(Arrays.asList(c.getGenericInterfaces()));
            for (int i = 0; i < interfaces.size(); i++) {
                Type candidate = interfaces.get(i);
                Class<?> raw = candidate instanceof ParameterizedType p
                        ? (Class<?>) p.getRawType()
                        : candidate instanceof Class<?> k ? k : null;
                if (raw == requestHandler && candidate instanceof ParameterizedType p) {
                    Type[] args = p.getActualTypeArguments();
                    return new Type[] {concrete(args[0]), concrete(args[1])};
                }
                if (raw != null && requestHandler.isAssignableFrom(raw)) {
                    interfaces.addAll(Arrays.asList(raw.getGenericInterfaces()));
                }
            }
        }
        return new Type[] {Object.class, Object.class};
    }

    private static Type concrete(Type type) {
        return type instanceof Class<?> || type instanceof ParameterizedType ? type : Object.class;
    }

    private static Object newInstance(Class<?> type) throws Throwable {
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new NoSuchMethodException("Class " + type.getName() + " has no public zero-argument constructor");
        }
        try {
            return constructor.newInstance();
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
