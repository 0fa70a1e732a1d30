package dev.lambdarouter.engine;

import java.util.Map;

/**
 * An immutable open-addressing hash map with {@link String} keys that can be looked up by a region of a larger
 * string ({@code text[from, to)}) without creating a substring: the routing hot path looks up host suffixes and
 * path segments this way, allocation-free. Most lookups on that path miss, so a miss is made cheap: a bit set of
 * the key lengths present rejects most of them before any hashing.
 */
final class SubstringKeyedMap<V> {
    private final String[] keys;
    private final int[] hashes;
    private final Object[] values;
    private final int mask;
    private final int size;
    /** Bit {@code n} is set when some key has length {@code n}; bit 63 stands for every length of 63 or more. */
    private final long keyLengths;

    SubstringKeyedMap(Map<String, V> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 - 1)) << 1;
        this.keys = new String[capacity];
        this.hashes = new int[capacity];
        this.values = new Object[capacity];
        this.mask = capacity - 1;
        this.size = entries.size();
        long lengths = 0;
        for (Map.Entry<String, V> entry : entries.entrySet()) {
            String key = entry.getKey();
            int hash = hash(key, 0, key.length());
            int slot = hash & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            hashes[slot] = hash;
            values[slot] = entry.getValue();
            lengths |= lengthBit(key.length());
        }
        this.keyLengths = lengths;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Calls {@code action} with every value, in no particular order. */
    @SuppressWarnings("unchecked")
    void forEachValue(java.util.function.Consumer<V> action) {
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != null) {
                action.accept((V) values[slot]);
            }
        }
    }

    /** The value whose key equals {@code text[from, to)}, or {@code null}. */
    @SuppressWarnings("unchecked")
    V get(String text, int from, int to) {
        int length = to - from;
        if ((keyLengths & lengthBit(length)) == 0) {
            return null;
        }
        int hash = hash(text, from, to);
        int slot = hash & mask;
        String key;
        while ((key = keys[slot]) != null) {
            if (hashes[slot] == hash && key.length() == length && text.startsWith(key, from)) {
                return (V) values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    private static long lengthBit(int length) {
        return 1L << Math.min(length, 63);
    }

    /**
     * The polynomial hash {@code sum(c[i] * 31^(n-1-i))} (as {@link String#hashCode()}), computed four characters per
     * step so the multiplications do not form one long dependency chain; then spread over the low bits.
     */
    private static int hash(String text, int from, int to) {
        int h = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            h = 923521 * h // 31^4
                    + 29791 * text.charAt(i) // 31^3
                    + 961 * text.charAt(i + 1) // 31^2
                    + 31 * text.charAt(i + 2)
                    + text.charAt(i + 3);
        }
        for (; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h ^ (h >>> 16) ^ (h >>> 7);
    }
}
