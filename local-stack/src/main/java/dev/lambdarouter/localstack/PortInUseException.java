package dev.lambdarouter.localstack;

import java.net.BindException;

/** A port the stack needs is taken, most likely by another local stack that is still running. */
public final class PortInUseException extends BindException {

    private static final long serialVersionUID = 1L;

    private final int port;

    PortInUseException(int port, String service, String option) {
        super("port " + port + " (" + service + ") on 127.0.0.1 is already in use: another local stack is probably "
                + "still running (stop it with Ctrl-C in its terminal), or another program uses the port; or choose "
                + "another port with " + option);
        this.port = port;
    }

    /** The port that was taken. */
    public int port() {
        return port;
    }
}
