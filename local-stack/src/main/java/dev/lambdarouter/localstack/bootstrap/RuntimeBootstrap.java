package dev.lambdarouter.localstack.bootstrap;

import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code main} of one execution environment: a JVM the local stack starts per environment, with the function's
 * environment variables. It loads the function's code and layers in their own class loader (parent: the platform
 * class loader, so none of the local stack's classes are visible to the function), creates the handler once (the
 * cold start) and then serves one invocation at a time over a loopback socket, the local stand-in for Lambda's
 * Runtime API:
 *
 * <pre>
 * environment -> stack   token (UTF), then true initNanos(long) | false errorJson(bytes)
 * stack -> environment   requestId(UTF) invokedFunctionArn(UTF) deadlineEpochMillis(long) payload(bytes)
 * environment -> stack   true response(bytes) | false errorJson(bytes)
 * </pre>
 * {@code bytes} is a 4-byte length followed by the data.
 *
 * <p>Arguments: {@code <port> <token> <handler> <class path>} (class path entries separated by
 * {@link File#pathSeparator}).
 */
public final class RuntimeBootstrap {

    /** Larger than any payload Lambda accepts or returns (6 MB), with room for a too-large answer to be seen. */
    private static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    private RuntimeBootstrap() {}

    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]))) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            out.writeUTF(args[1]);
            out.flush();

            ClassLoader loader = new URLClassLoader("function", urls(args[3]), ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader);
            HandlerLoader.Handler handler;
            LambdaContextFactory contexts;
            try {
                handler = HandlerLoader.load(args[2], loader);
                contexts = new LambdaContextFactory(loader, System.getenv(), System.out);
            } catch (Throwable e) {
                byte[] error = errorDocument(e);
                System.err.println("INIT_FAILED " + new String(error, StandardCharsets.UTF_8));
                out.writeBoolean(false);
                writeBytes(out, error);
                out.flush();
                return;
            }
            out.writeBoolean(true);
            out.writeLong(System.nanoTime() - started);
            out.flush();
            serve(in, out, handler, contexts);
        }
    }

    private static void serve(
            DataInputStream in, DataOutputStream out, HandlerLoader.Handler handler, LambdaContextFactory contexts)
            throws IOException {
        while (true) {
            String requestId;
            try {
                requestId = in.readUTF();
            } catch (EOFException stackWentAway) {
                return;
            }
            String arn = in.readUTF();
            long deadline = in.readLong();
            byte[] event = readBytes(in);
            boolean ok = true;
            byte[] response;
            try {
                response = handler.handle(event, contexts.create(requestId, arn, deadline));
            } catch (Throwable e) {
                response = errorDocument(e);
                ok = false;
                System.err.println(new String(response, StandardCharsets.UTF_8));
            }
            System.out.flush();
            System.err.flush();
            out.writeBoolean(ok);
            writeBytes(out, response);
            out.flush();
        }
    }

    /** The Java runtime's error document: {@code {"errorMessage", "errorType", "stackTrace", "cause"?}}. */
    static byte[] errorDocument(Throwable error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JacksonFactory.getInstance().getSerializer(Map.class).toJson(errorFields(error, 0), out);
        return out.toByteArray();
    }

    private static Map<String, Object> errorFields(Throwable error, int depth) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("errorMessage", error.getMessage());
        fields.put("errorType", error.getClass().getName());
        fields.put(
                "stackTrace",
                Arrays.stream(error.getStackTrace()).map(String::valueOf).toList());
        if (error.getCause() != null && error.getCause() != error && depth < 8) {
            fields.put("cause", errorFields(error.getCause(), depth + 1));
        }
        return fields;
    }

    private static URL[] urls(String classPath) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            if (!entry.isEmpty()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }

    public static void writeBytes(DataOutputStream out, byte[] data) throws IOException {
        out.writeInt(data.length);
        out.write(data);
    }

    public static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new IOException("bad frame length " + length);
        }
        byte[] data = new byte[length];
        in.readFully(data);
        return data;
    }
}
