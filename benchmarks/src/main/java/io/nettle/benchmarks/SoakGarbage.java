package io.nettle.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Garbage connections of the soak, {@code perSecond} a second on blocking sockets, the kinds in
 * turn (see {@link Kind}); at most {@code threads} at once (a connection due while all are busy
 * is skipped and counted, never queued) and at most {@value #SLOWLORIS_AT_ONCE} slowloris.
 * Every status the server answers is counted by class; a status a kind does not allow, a
 * missing response where one is due, and a connection the server should close but keeps open
 * are unexpected.
 */
final class SoakGarbage {
    static final int SLOWLORIS_AT_ONCE = 3;
    /** Longer than the server's 10 s header timeout. */
    private static final int CLOSE_WAIT_MILLIS = 15_000;
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] (\\d{3}) ");
    private static final String AUTH = WsClients.AUTHORIZATION;

    /** What a garbage connection does, and what the server must answer. */
    enum Kind {
        /** 1 to 4,096 random bytes: 400 (or 408/414/431 as the bytes fall), connection closed. */
        RANDOM_BYTES,
        /** A request cut inside its headers: closed at once, or half-closed (then 400/408 or nothing, and closed); also connect-and-close. */
        CUT_HEADERS,
        /** A request cut inside its {@code Content-Length} body, then closed (FIN) or reset: at most a 404/405 answered early. */
        CUT_BODY,
        /** A request head trickled a byte a second: 408 once the head is 10 s late, connection closed. */
        SLOWLORIS,
        /** Request headers over 16 KiB, in one line or in many: 431, connection closed. */
        OVERSIZED_HEADERS,
        /** A request line over 8 KiB: 414, connection closed. */
        LONG_REQUEST_LINE,
        /** Content-Length with Transfer-Encoding (both orders) or two Content-Lengths, a smuggled GET behind: exactly one 400, closed. */
        SMUGGLING,
        /** 32 pipelined requests, reset (SO_LINGER 0) after the first bytes of the answers: only 200s. */
        RESET_MID_RESPONSE,
        /** An authenticated request to {@code /secure-async}, reset while its backend is pending. */
        RESET_PENDING_AUTH,
        /** A WebSocket upgrade closed (FIN or reset) before the 101, or cut inside its head. */
        WS_UPGRADE_ABORTED
    }

    private final InetSocketAddress server;
    private final String host;
    private final SoakCounters counters;
    private final int perSecond;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "soak-garbage-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore slowloris = new Semaphore(SLOWLORIS_AT_ONCE);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong turn = new AtomicLong();
    private volatile boolean running = true;

    SoakGarbage(InetSocketAddress server, int perSecond, int threads, SoakCounters counters) {
        this.server = server;
        this.host = server.getHostString() + ":" + server.getPort();
        this.perSecond = perSecond;
        this.counters = counters;
        this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "soak-garbage");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        if (perSecond > 0) {
            scheduler.scheduleAtFixedRate(this::launch, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        }
    }

    /** Starts no more; cuts the connections still open (slowloris mostly) and waits for the threads. */
    void stop() throws InterruptedException {
        running = false;
        scheduler.shutdownNow();
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void launch() {
        Kind[] kinds = Kind.values();
        long n = turn.getAndIncrement();
        Kind kind = kinds[(int) (n % kinds.length)];
        if (kind == Kind.SLOWLORIS && !slowloris.tryAcquire()) {
            kind = Kind.RANDOM_BYTES; // enough slowloris open already
        }
        Kind chosen = kind;
        int variant = (int) (n / kinds.length);
        try {
            pool.execute(() -> run(chosen, variant));
        } catch (RejectedExecutionException e) {
            if (chosen == Kind.SLOWLORIS) {
                slowloris.release();
            }
            counters.garbageSkipped();
        }
    }

    private void run(Kind kind, int variant) {
        Socket socket = new Socket();
        open.add(socket);
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, 5000);
            switch (kind) {
                case RANDOM_BYTES -> randomBytes(socket);
                case CUT_HEADERS -> cutHeaders(socket, variant);
                case CUT_BODY -> cutBody(socket, variant);
                case SLOWLORIS -> slowloris(socket);
                case OVERSIZED_HEADERS -> oversizedHeaders(socket, variant);
                case LONG_REQUEST_LINE -> longRequestLine(socket);
                case SMUGGLING -> smuggling(socket, variant);
                case RESET_MID_RESPONSE -> resetMidResponse(socket);
                case RESET_PENDING_AUTH -> resetPendingAuth(socket);
                case WS_UPGRADE_ABORTED -> wsUpgradeAborted(socket, variant);
            }
            if (running) {
                counters.garbage(kind.name());
            }
        } catch (IOException e) {
            if (running) {
                counters.unexpected("garbage io", kind + ": " + e);
            }
        } finally {
            if (kind == Kind.SLOWLORIS) {
                slowloris.release();
            }
            close(socket);
            open.remove(socket);
        }
    }

    private void randomBytes(Socket socket) {
        byte[] bytes = new byte[1 + ThreadLocalRandom.current().nextInt(4096)];
        ThreadLocalRandom.current().nextBytes(bytes);
        send(socket, bytes);
        expect(Kind.RANDOM_BYTES, read(socket, CLOSE_WAIT_MILLIS), List.of(400, 408, 414, 431), false, true);
    }

    private void cutHeaders(Socket socket, int variant) throws IOException {
        if (variant % 3 == 0) {
            return; // connect, close
        }
        String head = "GET /secure-async HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Basic dG9tOnNl";
        send(socket, head.substring(0, 20 + ThreadLocalRandom.current().nextInt(head.length() - 20)).getBytes(StandardCharsets.ISO_8859_1));
        if (variant % 3 == 2) {
            socket.shutdownOutput();
            expect(Kind.CUT_HEADERS, read(socket, CLOSE_WAIT_MILLIS), List.of(400, 408), false, true);
        }
    }

    private void cutBody(Socket socket, int variant) throws IOException {
        String[] targets = {"POST /plaintext", "POST /no/such/path", "PUT /secure-async"};
        String head = targets[variant % targets.length] + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + AUTH
            + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 8192\r\n\r\n";
        byte[] body = new byte[1 + ThreadLocalRandom.current().nextInt(4096)];
        send(socket, head.getBytes(StandardCharsets.ISO_8859_1));
        send(socket, body);
        expect(Kind.CUT_BODY, read(socket, ThreadLocalRandom.current().nextInt(1, 200)), List.of(404, 405), false, false);
        if (variant % 2 == 1) {
            socket.setSoLinger(true, 0);
        }
    }

    private void slowloris(Socket socket) throws IOException {
        send(socket, ("GET /plaintext HTTP/1.1\r\nHost: " + host + "\r\nX-Slow: ").getBytes(StandardCharsets.ISO_8859_1));
        long start = System.nanoTime();
        StringBuilder reply = new StringBuilder();
        boolean eof = false;
        boolean reset = false;
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[4096];
        socket.setSoTimeout(1000);
        while (running && !eof && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(25)) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    eof = true;
                } else {
                    reply.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (SocketTimeoutException e) {
                if (reply.length() == 0) {
                    try {
                        out.write('a');
                        out.flush();
                    } catch (IOException closed) {
                        // the server answered and closed meanwhile: read what it sent
                    }
                }
            } catch (IOException e) {
                reset = true;
                break;
            }
        }
        if (running) {
            expect(Kind.SLOWLORIS, new Reply(reply.toString(), eof, reset), List.of(408), true, true);
        }
    }

    private void oversizedHeaders(Socket socket, int variant) {
        StringBuilder head = new StringBuilder("GET /secure HTTP/1.1\r\nHost: ").append(host).append("\r\nAuthorization: ").append(AUTH).append("\r\n");
        if (variant % 2 == 0) {
            head.append("X-Big: ").append("a".repeat(20_000)).append("\r\n");
        } else {
            for (int i = 0; i < 300; i++) {
                head.append("X-Many-").append(i).append(": ").append("b".repeat(60)).append("\r\n");
            }
        }
        send(socket, head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        expect(Kind.OVERSIZED_HEADERS, read(socket, CLOSE_WAIT_MILLIS), List.of(431), true, true);
    }

    private void longRequestLine(Socket socket) {
        send(socket, ("GET /" + "p".repeat(9000) + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        expect(Kind.LONG_REQUEST_LINE, read(socket, CLOSE_WAIT_MILLIS), List.of(414), true, true);
    }

    private void smuggling(Socket socket, int variant) {
        String framing = switch (variant % 3) {
            case 0 -> "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n";
            case 1 -> "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n";
            default -> "Content-Length: 5\r\nContent-Length: 40\r\n";
        };
        String request = "POST /plaintext HTTP/1.1\r\nHost: " + host + "\r\n" + framing + "\r\n0\r\n\r\n"
            + "GET /json HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
        send(socket, request.getBytes(StandardCharsets.ISO_8859_1));
        Reply reply = read(socket, CLOSE_WAIT_MILLIS);
        expect(Kind.SMUGGLING, reply, List.of(400), true, true);
        if (reply.statuses().size() > 1) {
            counters.unexpected("garbage smuggled request answered", "SMUGGLING " + variant % 3 + ": " + reply.statuses());
        }
    }

    private void resetMidResponse(Socket socket) throws IOException {
        String[] targets = {"/json", "/plaintext", "/secure-async"};
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            pipeline.append("GET ").append(targets[i % targets.length]).append(" HTTP/1.1\r\nHost: ").append(host)
                .append("\r\nAuthorization: ").append(AUTH).append("\r\n\r\n");
        }
        send(socket, pipeline.toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.setSoTimeout(5000);
        byte[] buffer = new byte[1 + ThreadLocalRandom.current().nextInt(2048)];
        int n = socket.getInputStream().read(buffer);
        String partial = n > 0 ? new String(buffer, 0, n, StandardCharsets.ISO_8859_1) : "";
        expect(Kind.RESET_MID_RESPONSE, new Reply(partial, n < 0, false), List.of(200), n >= 13, false);
        socket.setSoLinger(true, 0);
    }

    private void resetPendingAuth(Socket socket) throws IOException {
        send(socket, ("GET /secure-async HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + AUTH + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        socket.setSoLinger(true, 0);
    }

    private void wsUpgradeAborted(Socket socket, int variant) throws IOException {
        String head = "GET /ws HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: " + AUTH + "\r\n\r\n";
        switch (variant % 3) {
            case 0 -> send(socket, head.getBytes(StandardCharsets.ISO_8859_1)); // then FIN
            case 1 -> {
                send(socket, head.getBytes(StandardCharsets.ISO_8859_1));
                socket.setSoLinger(true, 0); // then RST
            }
            default -> send(socket, head.substring(0, head.length() / 2).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** What the server sent until it closed, reset, or the time was up. */
    private record Reply(String text, boolean eof, boolean reset) {
        List<Integer> statuses() {
            List<Integer> statuses = new ArrayList<>();
            Matcher m = STATUS.matcher(text);
            while (m.find()) {
                statuses.add(Integer.parseInt(m.group(1)));
            }
            return statuses;
        }
    }

    private void expect(Kind kind, Reply reply, List<Integer> allowed, boolean responseDue, boolean closeDue) {
        if (!running) {
            return;
        }
        List<Integer> statuses = reply.statuses();
        statuses.forEach(counters::status);
        if (!allowed.containsAll(statuses)) {
            counters.unexpected("garbage status", kind + ": " + statuses + ", allowed " + allowed + ": " + firstLine(reply.text()));
        } else if (responseDue && statuses.isEmpty()) {
            counters.unexpected("garbage no response", kind + ": got '" + firstLine(reply.text()) + "' eof=" + reply.eof() + " reset=" + reply.reset());
        } else if (closeDue && !reply.eof() && !reply.reset()) {
            counters.unexpected("garbage not closed", kind + ": still open after " + CLOSE_WAIT_MILLIS + " ms, statuses " + statuses);
        }
    }

    private static Reply read(Socket socket, int millis) {
        StringBuilder text = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return new Reply(text.toString(), false, false);
                }
                socket.setSoTimeout((int) left);
                int n = in.read(buffer);
                if (n < 0) {
                    return new Reply(text.toString(), true, false);
                }
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException e) {
            return new Reply(text.toString(), false, false);
        } catch (IOException e) {
            return new Reply(text.toString(), false, true);
        }
    }

    /** Writes, ignoring a failure: the server may close (after its 400, 431...) before all of it is written. */
    private static void send(Socket socket, byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException ignored) {
            // read what it answered
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\r');
        return end < 0 ? text.substring(0, Math.min(80, text.length())) : text.substring(0, end);
    }
}
