package dev.lambdarouter.engine;

/** An IPv4 or IPv6 network ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address means a single host. */
final class Cidr {
    private final String text;
    private final long networkHigh;
    private final long networkLow;
    private final long maskHigh;
    private final long maskLow;

    private Cidr(String text, IpAddress network, int prefixLength128) {
        this.text = text;
        this.maskHigh = mask(prefixLength128);
        this.maskLow = mask(prefixLength128 - 64);
        this.networkHigh = network.high();
        this.networkLow = network.low();
    }

    /**
     * Parses CIDR notation.
     *
     * @throws IllegalArgumentException with a message for the user when {@code text} is not a valid network
     */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        IpAddress address = IpAddress.parse(addressText);
        if (address == null) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a valid CIDR: '" + addressText + "' is not an IPv4 or IPv6 address literal");
        }
        boolean ipv4 = IpAddress.isIpv4Literal(addressText);
        int maxLength = ipv4 ? 32 : 128;
        int prefixLength = maxLength;
        if (slash >= 0) {
            String lengthText = text.substring(slash + 1);
            if (lengthText.isEmpty()
                    || lengthText.length() > 3
                    || !lengthText.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(lengthText) > maxLength) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not a valid CIDR: prefix length must be 0.." + maxLength);
            }
            prefixLength = Integer.parseInt(lengthText);
        }
        Cidr cidr = new Cidr(text, address, ipv4 ? 96 + prefixLength : prefixLength);
        if ((address.high() & ~cidr.maskHigh) != 0 || (address.low() & ~cidr.maskLow) != 0) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a valid CIDR: the address has bits set beyond the /" + prefixLength
                            + " prefix (use the network address)");
        }
        return cidr;
    }

    boolean contains(IpAddress address) {
        return (address.high() & maskHigh) == networkHigh && (address.low() & maskLow) == networkLow;
    }

    private static long mask(int bits) {
        if (bits <= 0) {
            return 0L;
        }
        if (bits >= 64) {
            return -1L;
        }
        return -1L << (64 - bits);
    }

    @Override
    public String toString() {
        return text;
    }
}
