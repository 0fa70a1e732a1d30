package dev.lambdarouter.router.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lambdarouter.engine.DispatchMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InvocationTest {

    private static final byte[] PAYLOAD = new byte[3];

    @Test
    void rejectsABlankFunctionName() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Invocation(" ", DispatchMode.SYNC, PAYLOAD, Duration.ofSeconds(1)));
    }

    @Test
    void rejectsAZeroOrNegativeTimeout() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Invocation("orders", DispatchMode.SYNC, PAYLOAD, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Invocation("orders", DispatchMode.ASYNC, PAYLOAD, Duration.ofMillis(-1)));
    }

    @Test
    void describesThePayloadBySizeNotContent() {
        Invocation invocation = new Invocation("orders", DispatchMode.ASYNC, PAYLOAD, Duration.ofMillis(1500));

        assertEquals(
                "Invocation[functionName=orders, mode=ASYNC, payload=3 bytes, timeout=1500 ms]", invocation.toString());
    }
}
