package io.nettle.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpRangeTest {

    private static byte[] address(String text) {
        return IpRange.parseAddress(text, true);
    }

    @Test
    void singleAddressesMatchOnlyThemselves() {
        IpRange v4 = IpRange.parse("10.0.0.7");
        assertThat(v4.contains(address("10.0.0.7"))).isTrue();
        assertThat(v4.contains(address("10.0.0.8"))).isFalse();
        IpRange v6 = IpRange.parse("::1");
        assertThat(v6.contains(address("0:0:0:0:0:0:0:1"))).as("the JDK's form of ::1").isTrue();
        assertThat(v6.contains(address("::2"))).isFalse();
        assertThat(v6.contains(address("127.0.0.1"))).as("another family").isFalse();
    }

    @Test
    void cidrRangesMatchTheirPrefix() {
        IpRange v4 = IpRange.parse("192.168.0.0/22");
        assertThat(v4.contains(address("192.168.3.255"))).isTrue();
        assertThat(v4.contains(address("192.168.4.0"))).isFalse();
        IpRange v6 = IpRange.parse("2001:db8:a::/48");
        assertThat(v6.contains(address("2001:db8:a:ffff::1"))).isTrue();
        assertThat(v6.contains(address("2001:db8:b::1"))).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains(address("203.0.113.9"))).isTrue();
        assertThat(IpRange.parse("::/0").contains(address("fe80::1%eth0"))).as("a peer's zone is dropped").isTrue();
    }

    @Test
    void ipv4MappedAddressesAreIpv4() {
        assertThat(IpRange.parse("10.0.0.0/8").contains(address("::ffff:10.1.2.3"))).isTrue();
        assertThat(IpRange.parse("::ffff:10.0.0.0/104").contains(address("10.200.0.1"))).isTrue();
        assertThat(IpRange.parse("::ffff:10.0.0.0/104")).hasToString("10.0.0.0/8");
    }

    @Test
    void everyFormOfIpv6IsRead() {
        assertThat(address("2001:db8::1")).isEqualTo(address("2001:0db8:0:0:0:0:0:1"));
        assertThat(address("::")).hasSize(16).containsOnly(0);
        assertThat(address("1::")).isEqualTo(address("1:0:0:0:0:0:0:0"));
        assertThat(address("64:ff9b::192.0.2.33")).isEqualTo(address("64:ff9b::c000:221"));
        assertThat(address("FE80::A")).isEqualTo(address("fe80::a"));
    }

    @Test
    void whatIsNotAnAddressLiteralIsNone() {
        assertThat(List.of("localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "+1.2.3.4",
            "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1::2:", "12345::", "g::1", "1.2.3.4::", "::1.2.3",
            "١.٢.٣.٤", "", "[::1]", "unknown", "_hidden"))
            .allSatisfy(text -> assertThat(IpRange.parseAddress(text, true)).as(text).isNull());
        assertThat(IpRange.parseAddress("fe80::1%eth0", false)).as("a zone where none is allowed").isNull();
    }

    @Test
    void invalidRangesAreRefusedWithTheFix() {
        assertThatThrownBy(() -> IpRange.parse("localhost")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'localhost' is not an IP address or CIDR range").hasMessageContaining("names are not resolved");
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).hasMessageContaining("prefix length must be within 0..32");
        assertThatThrownBy(() -> IpRange.parse("::/129")).hasMessageContaining("0..128");
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> IpRange.parse("10.0.0.1/8")).hasMessageContaining("did you mean 10.0.0.0/8?");
        assertThatThrownBy(() -> IpRange.parse("fd00::1/8")).hasMessageContaining("did you mean fd00:0:0:0:0:0:0:0/8?");
    }
}
