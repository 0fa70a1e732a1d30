package dev.lambdarouter.workers.orders.v1;

import dev.lambdarouter.workers.orders.OrdersService;
import java.util.List;

/** The orders service, version 1 (the stable side of the canary). Handler: {@code dev.lambdarouter.workers.orders.v1.OrdersHandler::handleRequest}. */
public final class OrdersHandler extends OrdersService {

    public OrdersHandler() {
        super("v1", List.of());
    }
}
