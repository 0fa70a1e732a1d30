package dev.lambdarouter.router.observability;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Log timestamps as Powertools' JSON layout writes them ({@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}, UTC). The text up to
 * the second is formatted once per second and kept; a line only adds its milliseconds.
 */
final class UtcTimestamp {

    private static final DateTimeFormatter TO_THE_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.");

    /** The last second formatted (immutable, so that threads can share it without locking). */
    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String text) {}

    private UtcTimestamp() {}

    static String format(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        Second second = last;
        if (second.epochSecond() != epochSecond) {
            second = new Second(
                    epochSecond, TO_THE_SECOND.format(LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC)));
            last = second;
        }
        char[] text = new char[second.text().length() + 4];
        second.text().getChars(0, second.text().length(), text, 0);
        int at = second.text().length();
        text[at] = (char) ('0' + millis / 100);
        text[at + 1] = (char) ('0' + millis / 10 % 10);
        text[at + 2] = (char) ('0' + millis % 10);
        text[at + 3] = 'Z';
        return new String(text);
    }
}
