package dev.lambdarouter.engine;

import java.util.Map;

/**
 * An immutable open-addressing hash map with {@link String} keys that can be looked up by a region of a larger
 * string ({@code text[from, to)}) without creating a substring: the routing hot path looks up host suffixes and
 * the first path segment this way, allocation-free.
 */
final class SubstringKeyedMap<V> {
  private final String[] keys;
  private final Object[] values;
  private final int mask;
  private final int size;

  SubstringKeyedMap(Map<String, V> entries) {
    int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 - 1)) << 1;
    this.keys = new String[capacity];
    this.values = new Object[capacity];
    this.mask = capacity - 1;
    this.size = entries.size();
    entries.forEach((key, value) -> {
      int slot = hash(key, 0, key.length()) & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      values[slot] = value;
    });
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The value whose key equals {@code text[from, to)}, or {@code null}. */
  @SuppressWarnings("unchecked")
  V get(String text, int from, int to) {
    if (size == 0) {
      return null;
    }
    int length = to - from;
    int slot = hash(text, from, to) & mask;
    String key;
    while ((key = keys[slot]) != null) {
      if (key.length() == length && text.startsWith(key, from)) {
        return (V) values[slot];
      }
      slot = (slot + 1) & mask;
    }
    return null;
  }

  private static int hash(String text, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + text.charAt(i);
    }
    return h ^ (h >>> 16) ^ (h >>> 7);
  }
}
