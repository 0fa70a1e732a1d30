package dev.lambdarouter.router.dispatch;

import dev.lambdarouter.engine.DispatchMode;

/**
 * Lambda's invoke payload limits, in bytes. (The ALB's 1 MB limits are enforced where they apply:
 * {@code AlbRequestDecoder.MAX_BODY_BYTES} and {@code WorkerResponseReader.MAX_RESPONSE_BYTES}.)
 */
final class PayloadLimits {

    /** Largest request payload of a synchronous (RequestResponse) invoke: 6 MB. */
    public static final int SYNC_REQUEST_BYTES = 6 * 1024 * 1024;

    /** Largest request payload of an asynchronous (Event) invoke: 1 MB. */
    public static final int ASYNC_REQUEST_BYTES = 1024 * 1024;

    private PayloadLimits() {}

    /** The request payload limit of an invoke in the given mode. */
    public static int requestLimit(DispatchMode mode) {
        return switch (mode) {
            case SYNC -> SYNC_REQUEST_BYTES;
            case ASYNC -> ASYNC_REQUEST_BYTES;
        };
    }
}
