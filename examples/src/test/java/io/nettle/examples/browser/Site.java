package io.nettle.examples.browser;

import io.nettle.App;
import io.nettle.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.function.IntFunction;

/**
 * An example app served on a loopback port for a browser, from {@link Browser#serve(App)}, which
 * closes it after the test: its {@link #url(String) URLs} are what the browser opens.
 */
public final class Site implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private final Server server;

    private Site(Server server) {
        this.server = server;
    }

    /** {@code app} on a port the system picks. */
    static Site serve(App app) {
        return new Site(app.serve(HOST, 0));
    }

    /**
     * The app {@code appOnPort} builds for a free port, served on that port: for apps that name
     * their own origin (allowed WebSocket origins, CORS). Tries again should another process take
     * the port in between.
     */
    static Site serve(IntFunction<App> appOnPort) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            try {
                return new Site(appOnPort.apply(port).serve(HOST, port));
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    /** {@code http://127.0.0.1:<port>}, the page's origin. */
    public String origin() {
        return "http://" + HOST + ":" + server.port();
    }

    /** The absolute URL of {@code path} (which starts with {@code /}). */
    public String url(String path) {
        return origin() + path;
    }

    /** The URL of {@code path} with {@code user}'s Basic credentials in it, which Chromium answers a 401 challenge with. */
    public String url(String user, String password, String path) {
        return "http://" + user + ":" + password + "@" + HOST + ":" + server.port() + path;
    }

    @Override
    public void close() {
        server.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
