package dev.lambdarouter.localstack.bootstrap;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The frames the local stack and an execution environment's {@link RuntimeBootstrap} exchange over their loopback
 * socket, one invocation at a time (the local stand-in for Lambda's Runtime API).
 *
 * <pre>
 * environment -> stack   token (UTF), then INIT_OK initNanos(long) | INIT_FAILED errorJson(bytes)
 * stack -> environment   INVOKE requestId(UTF) invokedFunctionArn(UTF) deadlineEpochMillis(long) payload(bytes)
 * environment -> stack   RESULT_OK response(bytes) | RESULT_ERROR errorJson(bytes)
 * </pre>
 * {@code bytes} is a 4-byte length followed by the data.
 */
public final class RuntimeProtocol {

    public static final byte INIT_OK = 1;
    public static final byte INIT_FAILED = 2;
    public static final byte INVOKE = 3;
    public static final byte RESULT_OK = 4;
    public static final byte RESULT_ERROR = 5;

    /** Larger than any payload Lambda accepts or returns (6 MB), with room for a too-large answer to be seen. */
    public static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    private RuntimeProtocol() {}

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

    /** Reads a frame type; {@link EOFException} when the peer closed the connection. */
    public static byte readType(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed");
        }
        return (byte) type;
    }
}
