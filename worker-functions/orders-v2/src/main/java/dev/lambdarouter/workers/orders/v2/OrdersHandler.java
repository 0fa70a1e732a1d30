package dev.lambdarouter.workers.orders.v2;

import dev.lambdarouter.workers.orders.OrdersService;
import java.util.List;

/** The orders service, version 2 (the canary): adds {@code fast-checkout}. Handler: {@code dev.lambdarouter.workers.orders.v2.OrdersHandler::handleRequest}. */
public final class OrdersHandler extends OrdersService {

    public OrdersHandler() {
        super("v2", List.of("fast-checkout"));
    }
}
