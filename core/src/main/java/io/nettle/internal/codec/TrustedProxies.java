package io.nettle.internal.codec;

import java.util.List;

/**
 * The address ranges of the proxies whose forwarding headers are honoured
 * ({@code ServerSettings.trustedProxies()}), parsed once when the app is built.
 */
public final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(new IpRange[0]);

    private final IpRange[] ranges;

    private TrustedProxies(IpRange[] ranges) {
        this.ranges = ranges;
    }

    /**
     * The ranges {@code addressesOrCidrs} name.
     *
     * @throws IllegalArgumentException for one that is not an IP address or CIDR range
     */
    public static TrustedProxies of(List<String> addressesOrCidrs) {
        return addressesOrCidrs.isEmpty() ? NONE : new TrustedProxies(addressesOrCidrs.stream().map(IpRange::parse).toArray(IpRange[]::new));
    }

    /** Whether no proxy is trusted (the default): forwarding headers are never read. */
    public boolean isEmpty() {
        return ranges.length == 0;
    }

    /** Whether the address written as {@code text} (a peer's address as the JDK writes it) is a trusted proxy. */
    public boolean trusts(String text) {
        return ranges.length > 0 && trusts(IpRange.parseAddress(text, true));
    }

    /** Whether {@code address} (4 or 16 bytes; {@code null} for what is not an address) is a trusted proxy. */
    public boolean trusts(byte[] address) {
        if (address == null) {
            return false;
        }
        for (IpRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
