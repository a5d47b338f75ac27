package io.nettle.websocket;

import java.nio.charset.StandardCharsets;

/** Raw client frames for protocol tests: masked as RFC 6455 requires, payloads up to 65535 bytes. */
final class Frames {
    /** FIN bit and opcode of a final text frame. */
    static final int TEXT_FINAL = 0x81;
    /** A text frame with more fragments to follow. */
    static final int TEXT_FIRST = 0x01;
    /** The last continuation frame of a fragmented message. */
    static final int CONTINUATION_FINAL = 0x80;
    /** A continuation frame with more fragments to follow. */
    static final int CONTINUATION = 0x00;
    /** A binary frame with more fragments to follow. */
    static final int BINARY_FIRST = 0x02;

    private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};

    private Frames() {
    }

    /** A masked frame whose first byte is {@code firstByte} (FIN, RSV, opcode) carrying {@code text}. */
    static byte[] masked(int firstByte, String text) {
        return masked(firstByte, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked frame whose first byte is {@code firstByte} (FIN, RSV, opcode) carrying {@code payload}. */
    static byte[] masked(int firstByte, byte[] payload) {
        if (payload.length > 0xFFFF) {
            throw new IllegalArgumentException("only frames with a 16-bit length: " + payload.length + " bytes");
        }
        int lengthBytes = payload.length > 125 ? 2 : 0;
        int start = 2 + lengthBytes + MASK.length;
        byte[] frame = new byte[start + payload.length];
        frame[0] = (byte) firstByte;
        if (lengthBytes == 0) {
            frame[1] = (byte) (0x80 | payload.length);
        } else {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(MASK, 0, frame, 2 + lengthBytes, MASK.length);
        for (int i = 0; i < payload.length; i++) {
            frame[start + i] = (byte) (payload[i] ^ MASK[i % MASK.length]);
        }
        return frame;
    }
}
