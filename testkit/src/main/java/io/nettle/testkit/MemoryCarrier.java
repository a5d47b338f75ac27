package io.nettle.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.nettle.internal.AppRuntime;
import io.nettle.internal.server.ConnectionInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.function.Consumer;

/**
 * The server in memory: Nettle's real pipeline in an {@link EmbeddedChannel}, its event loop the
 * test's thread ({@link TestLoop}). Only bytes leave it, as from a socket: a server message that
 * is neither a {@link ByteBuf} nor a {@link FileRegion} never reached an encoder, would be lost
 * on a real connection, and fails the test at once. The client's end is {@code 127.0.0.1:50000},
 * a loopback address as on the socket wires, so that a test which trusts {@code 127.0.0.1} as
 * a proxy runs alike on every wire.
 */
final class MemoryCarrier implements Carrier {
    /** The client's address in memory: loopback, as on a socket, with a port of its own. */
    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50000);   // a literal: no lookup

    private final TestLoop loop = new TestLoop();
    private final EmbeddedChannel server;

    MemoryCarrier(AppRuntime app) {
        this.server = new LoopbackChannel(new ConnectionInitializer(app, channel -> loop));
    }

    /** An {@link EmbeddedChannel} whose peer is {@link #CLIENT}. */
    private static final class LoopbackChannel extends EmbeddedChannel {
        LoopbackChannel(ConnectionInitializer initializer) {
            super(initializer);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return isActive() ? CLIENT : null;
        }
    }

    @Override
    public void send(ByteBuf bytes) {
        loop.claim();
        if (server.isActive()) {
            server.writeInbound(bytes);
        } else {
            bytes.release();
        }
    }

    @Override
    public boolean receive(Consumer<ByteBuf> sink, long waitMillis) {
        loop.claim();
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (true) {
            server.runPendingTasks();
            boolean worked = runLoop(0);
            boolean received = drain(sink);
            if (received) {
                return true;
            }
            if (!server.isActive()) {
                return false;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return true;
            }
            if (!worked) {
                runLoop(Math.min(left, 2));
            }
        }
    }

    private boolean drain(Consumer<ByteBuf> sink) {
        boolean any = false;
        for (Object message; (message = server.readOutbound()) != null; ) {
            sink.accept(bytesOf(message));
            any = true;
        }
        return any;
    }

    /** The bytes a socket would carry for {@code message}; anything else fails the test. */
    private static ByteBuf bytesOf(Object message) {
        if (message instanceof ByteBuf bytes) {
            return bytes;
        }
        if (message instanceof FileRegion region) {
            try {
                return transferred(region);
            } finally {
                region.release();
            }
        }
        ReferenceCountUtil.release(message);
        throw new AssertionError("The server wrote a " + message.getClass().getName()
            + " to the connection: only bytes (ByteBuf or FileRegion) reach a socket, so a real client would never see it");
    }

    private static ByteBuf transferred(FileRegion region) {
        ByteBuf out = Unpooled.buffer((int) region.count());
        WritableByteChannel target = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                out.writeBytes(src);
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        try {
            while (region.transferred() < region.count()) {
                region.transferTo(target, region.transferred());
            }
            return out;
        } catch (IOException e) {
            out.release();
            throw new UncheckedIOException("cannot read the file region the server wrote", e);
        }
    }

    private boolean runLoop(long waitMillis) {
        try {
            return loop.runTasks(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** In memory, what the server sends right away has come by the time the client looks. */
    @Override
    public long settleMillis() {
        return 0;
    }

    @Override
    public void close() {
        server.finishAndReleaseAll();
    }
}
