package dev.lambdarouter.localstack.bootstrap;

/** One loaded handler: turns an event's bytes and a {@code Context} into the response bytes. */
interface HandlerAdapter {

    /**
     * Runs the handler on one event.
     *
     * @param event   the payload as invoked
     * @param context a {@code com.amazonaws.services.lambda.runtime.Context} of the function's class loader
     * @return the response payload
     * @throws Throwable whatever the handler threw (reported as the function error)
     */
    byte[] handle(byte[] event, Object context) throws Throwable;
}
