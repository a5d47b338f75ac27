package io.nettle.websocket;

import java.nio.charset.StandardCharsets;

/** Raw client frames for protocol tests: masked as RFC 6455 requires, payloads under 126 bytes. */
final class Frames {
    /** FIN bit and opcode of a final text frame. */
    static final int TEXT_FINAL = 0x81;
    /** A text frame with more fragments to follow. */
    static final int TEXT_FIRST = 0x01;
    /** The last continuation frame of a fragmented message. */
    static final int CONTINUATION_FINAL = 0x80;

    private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};

    private Frames() {
    }

    /** A masked frame whose first byte is {@code firstByte} (FIN, RSV, opcode) carrying {@code text}. */
    static byte[] masked(int firstByte, String text) {
        return masked(firstByte, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked frame whose first byte is {@code firstByte} (FIN, RSV, opcode) carrying {@code payload}. */
    static byte[] masked(int firstByte, byte[] payload) {
        if (payload.length > 125) {
            throw new IllegalArgumentException("only short frames: " + payload.length + " bytes");
        }
        byte[] frame = new byte[2 + MASK.length + payload.length];
        frame[0] = (byte) firstByte;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(MASK, 0, frame, 2, MASK.length);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ MASK[i % MASK.length]);
        }
        return frame;
    }
}
