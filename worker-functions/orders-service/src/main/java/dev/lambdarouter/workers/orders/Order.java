package dev.lambdarouter.workers.orders;

/** An order as the orders service shows it. The demo store derives every order from its id, deterministically. */
public record Order(String id, String status, int itemCount, long totalCents) {

    public static Order lookUp(String id) {
        int seed = Math.floorMod(id.hashCode(), 10_000);
        return new Order(id, seed % 3 == 0 ? "SHIPPED" : "CONFIRMED", 1 + seed % 5, 500 + seed * 7L);
    }
}
