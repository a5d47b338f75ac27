package io.nettle.internal.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.nettle.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses Netty's transport: native epoll where it loads, NIO otherwise (said once in the log). */
final class Transports {
    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);
    private static volatile boolean fallbackLogged;

    /** A transport: its name, I/O handler factory and server channel class. */
    record Choice(String name, IoHandlerFactory ioHandler, Class<? extends ServerChannel> channel) {
    }

    private Transports() {
    }

    static Choice choose(ServerSettings.Transport wanted) {
        boolean epoll = wanted != ServerSettings.Transport.NIO && epollAvailable();
        if (wanted == ServerSettings.Transport.EPOLL && !epoll) {
            throw new IllegalStateException("the epoll transport was asked for but cannot load: " + epollProblem());
        }
        if (epoll) {
            return new Choice("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        if (wanted == ServerSettings.Transport.AUTO && !fallbackLogged) {
            fallbackLogged = true;
            LOG.info("Native epoll transport not available ({}); using NIO", epollProblem());
        }
        return new Choice("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    private static String epollProblem() {
        try {
            Throwable cause = Epoll.unavailabilityCause();
            return cause == null ? "unknown" : cause.toString();
        } catch (Throwable t) {
            return t.toString();
        }
    }
}
