package dev.lambdarouter.engine;

import java.util.HexFormat;

/**
 * A 128-bit IP address. IPv4 addresses are held as IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}), so one
 * comparison covers both families. Parsed from literals only: no name resolution ever happens here.
 */
record IpAddress(long high, long low) {
    private static final long IPV4_MAPPED_LOW_PREFIX = 0xffffL << 32;

    /** Parses an IPv4 or IPv6 literal; {@code null} when {@code text} is not one (zone ids are not accepted). */
    static IpAddress parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        long v4 = parseIpv4(text, 0, text.length());
        return v4 < 0 ? null : ofIpv4((int) v4);
    }

    static boolean isIpv4Literal(String text) {
        return text.indexOf(':') < 0 && parseIpv4(text, 0, text.length()) >= 0;
    }

    static IpAddress ofIpv4(int address) {
        return new IpAddress(0L, IPV4_MAPPED_LOW_PREFIX | (address & 0xffffffffL));
    }

    /** Parses dotted-quad {@code text[from, to)}: four decimal parts 0..255 without leading zeros; -1 when invalid. */
    private static long parseIpv4(String text, int from, int to) {
        long address = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && isDigit(text.charAt(i))) {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            address = (address << 8) | value;
            parts++;
            if (parts < 4) {
                if (i >= to || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? address : -1;
    }

    private static IpAddress parseIpv6(String text) {
        int length = text.length();
        int[] groups = new int[8];
        int count = 0;
        int compressAt = -1;
        int i = 0;
        if (text.startsWith("::")) {
            compressAt = 0;
            i = 2;
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < length) {
            if (count >= 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < length && HexFormat.isHexDigit(text.charAt(i))) {
                if (i - start == 4) {
                    return null;
                }
                value = (value << 4) | HexFormat.fromHexDigit(text.charAt(i));
                i++;
            }
            if (i < length && text.charAt(i) == '.') {
                if (count > 6) {
                    return null;
                }
                long v4 = parseIpv4(text, start, length);
                if (v4 < 0) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = length;
                break;
            }
            if (i == start) {
                return null;
            }
            groups[count++] = value;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < length && text.charAt(i) == ':') {
                if (compressAt >= 0) {
                    return null;
                }
                compressAt = count;
                i++;
            } else if (i == length) {
                return null;
            }
        }
        if (compressAt < 0 ? count != 8 : count > 7) {
            return null;
        }
        long high = 0;
        long low = 0;
        int zeros = 8 - count;
        int source = 0;
        for (int position = 0; position < 8; position++) {
            int group;
            if (compressAt >= 0 && position >= compressAt && position < compressAt + zeros) {
                group = 0;
            } else {
                group = groups[source++];
            }
            if (position < 4) {
                high = (high << 16) | group;
            } else {
                low = (low << 16) | group;
            }
        }
        return new IpAddress(high, low);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
