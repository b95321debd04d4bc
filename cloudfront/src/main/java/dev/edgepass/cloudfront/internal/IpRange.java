package dev.edgepass.cloudfront.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 CIDR range as CloudFront's {@code AWS:SourceIp} names it. Parsing never
 * resolves a host name: IPv4 is parsed by hand and IPv6 only reaches {@link InetAddress} when the
 * text holds nothing but hex digits, colons and dots and contains a colon, which the JDK treats as
 * a literal (it throws rather than look up a name).
 */
public final class IpRange {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private IpRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code a.b.c.d/n}, an IPv6 literal with {@code /n}, or a bare address (meaning /32 or
     * /128).
     *
     * @return the range, or null when {@code cidr} is malformed
     */
    public static IpRange parse(String cidr) {
        if (cidr == null || cidr.isEmpty() || cidr.length() > 64) {
            return null;
        }
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] bytes = parseAddress(address);
        if (bytes == null) {
            return null;
        }
        int max = bytes.length * 8;
        int prefix;
        if (slash < 0) {
            prefix = max;
        } else {
            String digits = cidr.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || (digits.length() > 1 && digits.charAt(0) == '0')) {
                return null;
            }
            prefix = 0;
            for (int i = 0; i < digits.length(); i++) {
                char c = digits.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                prefix = prefix * 10 + (c - '0');
            }
            if (prefix > max) {
                return null;
            }
        }
        return new IpRange(bytes, prefix, address + "/" + prefix);
    }

    /**
     * Parses an IPv4 dotted quad (no leading zeros) or an IPv6 literal, without any name lookup.
     * An IPv4-mapped IPv6 address comes back as its four IPv4 bytes.
     *
     * @return the address bytes (4 or 16), or null when malformed
     */
    public static byte[] parseAddress(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return parseV4(s);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return null;
            }
        }
        try {
            InetAddress address = InetAddress.getByName(s);
            byte[] bytes = address.getAddress();
            return address instanceof Inet4Address || bytes.length == 16 ? bytes : null;
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i == s.length() ? '.' : s.charAt(i);
            if (c == '.') {
                if (digits == 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null;
                }
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    /** Returns true when {@code address} (4 or 16 bytes) lies in this range. */
    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }

    /** Returns true for an IPv6 range. */
    public boolean isIpv6() {
        return network.length == 16;
    }

    /** Returns the prefix length in bits. */
    public int prefix() {
        return prefix;
    }

    /** Returns the range as written, with the prefix always present. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange other && prefix == other.prefix && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }
}
