package io.nettle.internal.http2;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.nettle.ServerSettings;
import io.nettle.internal.exchange.ConnectionEvent;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an HTTP/2 connection within what the server grants one client, next to the limits of
 * Netty's codec (see {@link Http2Pipeline}):
 * <ul>
 * <li>reads only while the peer reads what the server writes, and closes the connection when it
 *     has read nothing for {@link ServerSettings#writeTimeout()};</li>
 * <li>at most {@value #MAX_CONTROL_FRAMES} PING and SETTINGS frames per
 *     {@value #CONTROL_WINDOW_SECONDS} seconds (each costs an answer): beyond, GOAWAY
 *     {@code ENHANCE_YOUR_CALM};</li>
 * <li>closes (with GOAWAY) a connection that has no stream open and sent nothing for
 *     {@link ServerSettings#idleTimeout()};</li>
 * <li>on {@link ConnectionEvent#DRAIN} (the server stops), sends GOAWAY and closes once the
 *     streams in flight are done, within {@link ServerSettings#shutdownGracePeriod()}.</li>
 * </ul>
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {
    static final int MAX_CONTROL_FRAMES = 1000;
    static final int CONTROL_WINDOW_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final ServerSettings settings;
    private ChannelHandlerContext ctx;
    private int controlFrames;
    private long controlWindowStart;
    private boolean readSinceIdleCheck;
    private ScheduledFuture<?> idleCheck;
    private ScheduledFuture<?> writeStall;

    ConnectionGuard(ServerSettings settings) {
        this.settings = settings;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        controlWindowStart = System.nanoTime();
        scheduleIdleCheck();
        ctx.read();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimers();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimers();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        readSinceIdleCheck = true;
        if ((msg instanceof Http2PingFrame ping && !ping.ack() || msg instanceof Http2SettingsFrame) && overControlBudget()) {
            LOG.debug("More than {} PING/SETTINGS frames in {} s, closing {}", MAX_CONTROL_FRAMES, CONTROL_WINDOW_SECONDS, ctx.channel());
            ctx.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.ENHANCE_YOUR_CALM)).addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireChannelRead(msg);
    }

    private boolean overControlBudget() {
        long now = System.nanoTime();
        if (now - controlWindowStart > TimeUnit.SECONDS.toNanos(CONTROL_WINDOW_SECONDS)) {
            controlWindowStart = now;
            controlFrames = 0;
        }
        return ++controlFrames == MAX_CONTROL_FRAMES + 1;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.fireChannelReadComplete();
        readOrWait();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.fireChannelWritabilityChanged();
        readOrWait();
    }

    /** Reads on while the peer reads; otherwise waits for it, at most the write timeout. */
    private void readOrWait() {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (ctx.channel().isWritable()) {
            if (writeStall != null) {
                writeStall.cancel(false);
                writeStall = null;
            }
            ctx.read();
        } else if (writeStall == null) {
            writeStall = ctx.executor().schedule(() -> {
                LOG.debug("Peer read nothing for {}, closing {}", settings.writeTimeout(), ctx.channel());
                ctx.channel().close();
            }, settings.writeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ConnectionEvent.DRAIN) {
            // The codec's close is graceful: GOAWAY now, the channel closed once the open streams end.
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    private void scheduleIdleCheck() {
        idleCheck = ctx.executor().schedule(this::checkIdle, settings.idleTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void checkIdle() {
        Http2FrameCodec codec = (Http2FrameCodec) ctx.pipeline().get("h2");
        if (!readSinceIdleCheck && codec != null && codec.connection().numActiveStreams() == 0) {
            LOG.debug("HTTP/2 connection idle for {}, closing {}", settings.idleTimeout(), ctx.channel());
            ctx.close();
            return;
        }
        readSinceIdleCheck = false;
        scheduleIdleCheck();
    }

    private void cancelTimers() {
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        if (writeStall != null) {
            writeStall.cancel(false);
        }
    }
}
