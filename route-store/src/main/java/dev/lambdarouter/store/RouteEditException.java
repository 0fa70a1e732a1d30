package dev.lambdarouter.store;

/**
 * A weight edit that cannot be made to the table as it is: the route is missing ({@link RouteNotFoundException}),
 * defined twice, has no {@code targets} array, or lacks a target and targets may not be added. Nothing was written.
 */
public class RouteEditException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the edit cannot be made. */
    public enum Reason {
        /** No route of that name in the table. */
        ROUTE_NOT_FOUND,
        /** A weight names a function that is not a target of the route, and adding targets was not asked for. */
        UNKNOWN_TARGET,
        /** The route is defined in more than one parameter: the table is invalid as it stands. */
        DUPLICATE_ROUTE,
        /** The route has no {@code targets} array (e.g. a fixed response). */
        NO_TARGETS
    }

    private final Reason reason;

    public RouteEditException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
