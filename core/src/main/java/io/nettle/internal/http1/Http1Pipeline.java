package io.nettle.internal.http1;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.nettle.ServerSettings;
import io.nettle.http.ConnectionExecutor;
import io.nettle.internal.AppRuntime;

/**
 * The HTTP/1.1 end of a connection's pipeline, read top to bottom: responses are encoded, bytes
 * are decoded strictly into HTTP messages within the size limits, and Nettle's one handler
 * serves the requests (and keeps the connection's timeouts).
 */
public final class Http1Pipeline {
    /**
     * Most requests decoded ahead of their responses (HTTP/1.1 pipelining). The bytes of those
     * beyond it stay undecoded, and the socket unread, until the queued ones are answered: every
     * request is answered, in order, and memory is bounded by what was already read.
     */
    public static final int MAX_PIPELINED_REQUESTS = 64;

    private Http1Pipeline() {
    }

    /** Adds the HTTP/1.1 handlers ({@code http-encoder}, {@code http}, {@code nettle}) at the end of {@code pipeline}. */
    public static void addTo(ChannelPipeline pipeline, AppRuntime app, ConnectionExecutor loop) {
        ServerSettings settings = app.settings();
        RequestDecoder decoder = new RequestDecoder(new HttpDecoderConfig()
            .setMaxInitialLineLength(settings.maxInitialLineLength())
            .setMaxHeaderSize(settings.maxHeaderSize())
            .setMaxChunkSize(64 * 1024)
            .setStrictLineParsing(true)
            .setUseRfc9112TransferEncoding(true)
            .setAllowDuplicateContentLengths(false));
        // The encoder sits nearest the socket so that whatever a decoder writes is encoded too:
        // after a WebSocket handshake the frame decoder takes the request decoder's place and the
        // frame encoder this encoder's, and a close frame the decoder writes must not bypass it.
        pipeline.addLast("http-encoder", new ResponseEncoder());
        pipeline.addLast("http", decoder);
        pipeline.addLast("nettle", new HttpConnectionHandler(app, loop, decoder));
    }
}
