package io.nettle.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.nettle.ServerSettings;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The pipeline of one connection, read top to bottom: bytes are decoded strictly into HTTP
 * messages within the size limits, idle connections are noticed, and Nettle's one handler
 * serves the requests. The server and the {@code TestClient} build the very same pipeline.
 */
public final class NettleInitializer extends ChannelInitializer<Channel> {
    /** Most requests decoded from the socket ahead of their responses (HTTP/1.1 pipelining). */
    public static final int MAX_PIPELINED_REQUESTS = 64;

    private final AppRuntime app;
    private final Function<Channel, ConnectionLoop> loops;

    public NettleInitializer(AppRuntime app, Function<Channel, ConnectionLoop> loops) {
        this.app = app;
        this.loops = loops;
    }

    @Override
    protected void initChannel(Channel channel) {
        ServerSettings settings = app.settings();
        channel.config().setAutoRead(false);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
            .setMaxInitialLineLength(settings.maxInitialLineLength())
            .setMaxHeaderSize(settings.maxHeaderSize())
            .setMaxChunkSize(64 * 1024)
            .setStrictLineParsing(true)
            .setUseRfc9112TransferEncoding(true)
            .setAllowDuplicateContentLengths(false), MAX_PIPELINED_REQUESTS));
        pipeline.addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        pipeline.addLast("nettle", new HttpConnectionHandler(app, loops.apply(channel)));
    }
}
