package io.nettle.internal.codec;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}), or a
 * single address ({@code 127.0.0.1}, {@code ::1}). Parsed from text by hand: never a DNS lookup.
 * An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) is its IPv4 address, as the JDK reports
 * the peers of a dual-stack socket.
 */
public final class IpRange {
    private final byte[] network;
    private final int prefix;

    private IpRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * The range {@code text} names.
     *
     * @throws IllegalArgumentException when it is not an IP address or CIDR range, or when its
     *         address has bits set beyond the prefix ({@code 10.0.0.1/8})
     */
    public static IpRange parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] address = parseAddress(addressText, false);
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range (such as 10.0.0.1, "
                + "10.0.0.0/8, ::1 or fd00::/8; names are not resolved)");
        }
        int bits = addressText.indexOf(':') >= 0 ? 128 : 32;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = trimmed.substring(slash + 1);
            prefix = prefixText.isEmpty() || prefixText.length() > 3 || !digits(prefixText) ? -1 : Integer.parseInt(prefixText);
            if (prefix > bits || prefix < 0) {
                throw new IllegalArgumentException("'" + text + "': the prefix length must be within 0.." + bits);
            }
        }
        if (address.length == 4 && bits == 128) {
            prefix = Math.max(0, prefix - 96);   // ::ffff:10.0.0.0/104 is 10.0.0.0/8
        }
        byte[] network = mask(address, prefix);
        if (!Arrays.equals(network, address)) {
            throw new IllegalArgumentException("'" + text + "' has bits set beyond its /" + prefix + " prefix; did you mean "
                + new IpRange(network, prefix) + "?");
        }
        return new IpRange(network, prefix);
    }

    /** Whether {@code address} (4 or 16 bytes, as {@link #parseAddress} gives) is in this range. */
    public boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address, prefix), network);
    }

    /**
     * The bytes of the IP address literal {@code text} (4 for IPv4, IPv4-mapped IPv6 included; 16
     * for IPv6), or {@code null} when it is none. A zone ({@code fe80::1%eth0}) is dropped when
     * {@code zoneAllowed}, as the JDK writes link-local peers with it, and refused otherwise.
     */
    public static byte[] parseAddress(String text, boolean zoneAllowed) {
        if (text.isEmpty() || text.length() > 64) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return parseIpv4(text);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            if (!zoneAllowed) {
                return null;
            }
            text = text.substring(0, zone);
        }
        byte[] v6 = parseIpv6(text);
        if (v6 != null && isMapped(v6)) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        return v6;
    }

    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            // no leading zeros: 010 is octal to some parsers and decimal to others
            if (part.isEmpty() || part.length() > 3 || !digits(part) || part.length() > 1 && part.charAt(0) == '0') {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static byte[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        if (gap >= 0 && head.indexOf('.') >= 0) {
            return null;   // an IPv4 part comes last
        }
        int[] headGroups = groups(head, gap >= 0);
        int[] tailGroups = gap < 0 ? new int[0] : groups(tail, true);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int count = headGroups.length + tailGroups.length;
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            put(bytes, i, headGroups[i]);
        }
        for (int i = 0; i < tailGroups.length; i++) {
            put(bytes, 8 - tailGroups.length + i, tailGroups[i]);
        }
        return bytes;
    }

    /** The 16-bit groups of {@code text} (an embedded IPv4 address at its end counts as two); null when malformed. */
    private static int[] groups(String text, boolean mayBeEmpty) {
        if (text.isEmpty()) {
            return mayBeEmpty ? new int[0] : null;
        }
        String[] parts = text.split(":", -1);
        int n = parts.length;
        boolean v4Tail = parts[n - 1].indexOf('.') >= 0;
        int[] groups = new int[v4Tail ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String part = parts[i];
            if (i == n - 1 && v4Tail) {
                byte[] v4 = parseIpv4(part);
                if (v4 == null) {
                    return null;
                }
                groups[i] = (v4[0] & 0xff) << 8 | v4[1] & 0xff;
                groups[i + 1] = (v4[2] & 0xff) << 8 | v4[3] & 0xff;
            } else if (part.isEmpty() || part.length() > 4 || !hex(part)) {
                return null;
            } else {
                groups[i] = Integer.parseInt(part, 16);
            }
        }
        return groups;
    }

    private static void put(byte[] bytes, int group, int value) {
        bytes[2 * group] = (byte) (value >> 8);
        bytes[2 * group + 1] = (byte) value;
    }

    private static boolean isMapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            masked[i] &= (byte) (0xff00 >> keep);
        }
        return masked;
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0 || text.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    /** The range in CIDR notation, e.g. {@code 10.0.0.0/8} or {@code fd00:0:0:0:0:0:0:0/8}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (network.length == 4) {
            for (int i = 0; i < 4; i++) {
                text.append(i == 0 ? "" : ".").append(network[i] & 0xff);
            }
        } else {
            for (int i = 0; i < 8; i++) {
                text.append(i == 0 ? "" : ":").append(Integer.toHexString((network[2 * i] & 0xff) << 8 | network[2 * i + 1] & 0xff));
            }
        }
        return text.append('/').append(prefix).toString();
    }
}
