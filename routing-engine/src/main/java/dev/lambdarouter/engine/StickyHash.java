package dev.lambdarouter.engine;

/**
 * 64-bit hashing for sticky selection: a block hash over a string's UTF-16 code units (four per 64-bit word, with a
 * multiply-rotate step per word) finished by the well-known 64-bit avalanche finaliser. Stable across JVMs and
 * releases, which sticky routing relies on: never replace it with {@link String#hashCode()} or a seeded hash.
 */
final class StickyHash {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private StickyHash() {}

    static long hash(String text) {
        int length = text.length();
        long h = GOLDEN ^ (length * C2);
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            long word = text.charAt(i)
                    | (long) text.charAt(i + 1) << 16
                    | (long) text.charAt(i + 2) << 32
                    | (long) text.charAt(i + 3) << 48;
            h ^= scramble(word);
            h = Long.rotateLeft(h, 27) * 5 + 0x52dce729L;
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 16) {
            tail |= (long) text.charAt(i) << shift;
        }
        h ^= scramble(tail);
        return finalise(h ^ length);
    }

    /** A hash of the pair (key, target), evenly spread and independent across targets for one key. */
    static long combine(long keyHash, long targetHash) {
        long h = finalise(keyHash ^ targetHash);
        return finalise(h + Long.rotateLeft(targetHash, 32) + GOLDEN);
    }

    /** Maps a hash to a double strictly inside (0, 1). */
    static double unitInterval(long hash) {
        return ((hash >>> 11) + 0.5) * 0x1.0p-53;
    }

    private static long scramble(long word) {
        word *= C1;
        word = Long.rotateLeft(word, 31);
        return word * C2;
    }

    static long finalise(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
