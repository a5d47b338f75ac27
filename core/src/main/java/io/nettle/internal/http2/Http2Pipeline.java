package io.nettle.internal.http2;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;
import io.nettle.ServerSettings;
import io.nettle.http.ConnectionExecutor;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.exchange.ConnectionFacts;

/**
 * Turns a connection's pipeline from HTTP/1.1 to HTTP/2, read top to bottom: Netty's frame codec
 * (with the limits below), the {@link ConnectionGuard}, {@link Http2Streams} that serves each
 * stream with a {@link StreamHandler}, and {@link ConnectionErrors} last.
 *
 * <p>The limits against the protocol's known attacks, each a GOAWAY when crossed:
 * <ul>
 * <li>rapid reset (CVE-2023-44487): at most {@value #MAX_RESETS_PER_WINDOW} streams reset by the
 *     client per {@value #RESET_WINDOW_SECONDS} seconds;</li>
 * <li>CONTINUATION flood (CVE-2024-27316): a header block is bounded by the header list size,
 *     and at most {@value #MAX_SMALL_CONTINUATION_FRAMES} small CONTINUATION frames in a row;</li>
 * <li>empty DATA frames: at most {@value #MAX_EMPTY_DATA_FRAMES} in a row;</li>
 * <li>HPACK bombs: a header list that decodes beyond {@link ServerSettings#maxHeaderSize()} is
 *     answered 431 (far beyond: GOAWAY);</li>
 * <li>control frames the client does not read the answers to: at most
 *     {@value #MAX_QUEUED_CONTROL_FRAMES} queued; PING and SETTINGS floods are the guard's.</li>
 * </ul>
 */
public final class Http2Pipeline {
    static final int MAX_RESETS_PER_WINDOW = 200;
    static final int RESET_WINDOW_SECONDS = 30;
    static final int MAX_SMALL_CONTINUATION_FRAMES = 16;
    static final int MAX_EMPTY_DATA_FRAMES = 2;
    static final int MAX_QUEUED_CONTROL_FRAMES = 1000;

    private Http2Pipeline() {
    }

    /**
     * Replaces the HTTP/1.1 handlers of {@code pipeline} ({@code http-encoder}, {@code http},
     * {@code nettle}) with HTTP/2, after the handler named {@code after}; the client's preface
     * is the next thing it reads.
     */
    public static void switchTo(ChannelPipeline pipeline, String after, AppRuntime app, ConnectionExecutor loop) {
        ServerSettings settings = app.settings();
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
            .initialSettings(Http2Settings.defaultSettings()
                .maxConcurrentStreams(settings.maxConcurrentStreams())
                .maxHeaderListSize(settings.maxHeaderSize()))
            .gracefulShutdownTimeoutMillis(settings.shutdownGracePeriod().toMillis())
            .decoderEnforceMaxRstFramesPerWindow(MAX_RESETS_PER_WINDOW, RESET_WINDOW_SECONDS)
            .decoderEnforceMaxSmallContinuationFrames(MAX_SMALL_CONTINUATION_FRAMES)
            .decoderEnforceMaxConsecutiveEmptyDataFrames(MAX_EMPTY_DATA_FRAMES)
            .encoderEnforceMaxQueuedControlFrames(MAX_QUEUED_CONTROL_FRAMES)
            .build();
        ConnectionFacts facts = ConnectionFacts.of(pipeline.channel());
        pipeline.remove("http-encoder");
        pipeline.remove("http");
        pipeline.remove("nettle");
        pipeline.addAfter(after, "h2", codec);
        pipeline.addAfter("h2", "h2-guard", new ConnectionGuard(settings));
        pipeline.addAfter("h2-guard", "h2-streams", new Http2Streams(app, loop, facts, codec));
        pipeline.addAfter("h2-streams", "h2-errors", new ConnectionErrors());
    }
}
