package io.nettle.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentCodecTest {

    private static String decode(String s, boolean plusAsSpace) throws PercentCodec.MalformedException {
        return PercentCodec.decode(s, 0, s.length(), plusAsSpace);
    }

    @Test
    void decodesEscapesAsUtf8() throws Exception {
        assertThat(decode("a%20b%2Fc", false)).isEqualTo("a b/c");
        assertThat(decode("%C3%A9t%c3%a9", false)).isEqualTo("été");
        assertThat(decode("%F0%9F%98%80", false)).isEqualTo("😀");
    }

    @Test
    void plusIsASpaceOnlyInQueries() throws Exception {
        assertThat(decode("a+b", true)).isEqualTo("a b");
        assertThat(decode("a+b", false)).isEqualTo("a+b");
        assertThat(decode("a%2Bb", true)).isEqualTo("a+b");
    }

    @Test
    void decodesOnlyTheGivenRange() throws Exception {
        assertThat(PercentCodec.decode("x=a%20b&y", 2, 7, true)).isEqualTo("a b");
    }

    @Test
    void plainTextIsReturnedAsIs() throws Exception {
        assertThat(decode("plain-text_1.2~", true)).isEqualTo("plain-text_1.2~");
        assertThat(decode("", true)).isEmpty();
    }

    @Test
    void invalidOrTruncatedEscapesAreRejected() {
        assertThatThrownBy(() -> decode("%zz", false)).isInstanceOf(PercentCodec.MalformedException.class)
            .hasMessageContaining("invalid percent-escape '%zz'");
        assertThatThrownBy(() -> decode("abc%4", false)).isInstanceOf(PercentCodec.MalformedException.class)
            .hasMessageContaining("truncated");
        assertThatThrownBy(() -> decode("%", false)).isInstanceOf(PercentCodec.MalformedException.class);
        assertThatThrownBy(() -> decode("%G1", false)).isInstanceOf(PercentCodec.MalformedException.class);
    }

    @Test
    void invalidUtf8IsRejectedOverlongFormsIncluded() {
        assertThatThrownBy(() -> decode("%C3", false)).hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> decode("%FF", false)).hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> decode("%C0%AF", false)).as("overlong '/'").hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> decode("%ED%A0%80", false)).as("surrogate").hasMessageContaining("not valid UTF-8");
    }

    @Test
    void rawNonAsciiIsRejected() {
        assertThatThrownBy(() -> decode("é", false)).hasMessageContaining("non-ASCII");
    }

    @Test
    void encodesPathSegmentsKeepingSafeCharacters() {
        assertThat(PercentCodec.encodePathSegment("a b/c?d#e%")).isEqualTo("a%20b%2Fc%3Fd%23e%25");
        assertThat(PercentCodec.encodePathSegment("A-z_0.9~!$&'()*+,;=:@")).isEqualTo("A-z_0.9~!$&'()*+,;=:@");
        assertThat(PercentCodec.encodePathSegment("é")).isEqualTo("%C3%A9");
    }

    @Test
    void encodesQueryComponentsSoThatTheyDecodeBack() throws Exception {
        String value = "a+b c&d=e/f?g#h%é";
        String encoded = PercentCodec.encodeQueryComponent(value);
        assertThat(encoded).doesNotContain("+", " ", "&", "=", "#").contains("/", "?");
        assertThat(decode(encoded, true)).isEqualTo(value);
    }
}
