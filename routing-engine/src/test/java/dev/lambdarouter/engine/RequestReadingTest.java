package dev.lambdarouter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestReadingTest {

    @Test
    void hostIsLowerCaseWithoutPort() {
        assertEquals("shop.example.com", RequestReading.host(" Shop.Example.COM:8443 "));
        assertEquals("[::1]", RequestReading.host("[::1]:8080"));
        assertEquals("::1", RequestReading.host("::1"));
        assertNull(RequestReading.host(""));
        assertNull(RequestReading.host(null));
    }

    @Test
    void clientAddressIsTheLastForwardedForEntry() {
        assertEquals("10.0.0.9", RequestReading.clientAddress(List.of("1.2.3.4, 10.0.0.9")));
        assertEquals("10.0.0.9", RequestReading.clientAddress(List.of("1.2.3.4", "10.0.0.9")));
        assertNull(RequestReading.clientAddress(List.of("1.2.3.4, ")));
        assertNull(RequestReading.clientAddress(List.of()));
    }

    @Test
    void queryComponentsArePercentDecodedWithPlusAsSpace() {
        assertEquals("a b/ü", RequestReading.queryComponent("a+b%2F%C3%BC"));
        assertEquals("plain", RequestReading.queryComponent("plain"));
        assertThrows(IllegalArgumentException.class, () -> RequestReading.queryComponent("%zz"));
    }
}
