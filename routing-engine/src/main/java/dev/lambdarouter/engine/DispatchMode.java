package dev.lambdarouter.engine;

/** How the router invokes a route's target. JSON values: {@code "sync"} (default) and {@code "async"}. */
public enum DispatchMode {
    /** Invoke with {@code RequestResponse}; the worker's answer becomes the HTTP response. */
    SYNC,
    /** Invoke with {@code Event}; the caller gets {@code 202 Accepted}. */
    ASYNC
}
