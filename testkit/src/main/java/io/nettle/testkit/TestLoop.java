package io.nettle.testkit;

import io.nettle.http.ConnectionExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory stand-in for a connection's event loop: the test's own thread. Work handed
 * to it from other threads (a blocking endpoint finishing, an async backend) waits in a queue
 * until the client pumps it, so the connection stays single-threaded as on a real server.
 */
final class TestLoop implements ConnectionExecutor {
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "nettle-testclient-timer");
        thread.setDaemon(true);
        return thread;
    });

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private volatile Thread owner = Thread.currentThread();

    void claim() {
        owner = Thread.currentThread();
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == owner;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Timeouts fire on a shared daemon thread and only queue their task: the test's thread runs it. */
    @Override
    public Cancellable timeout(Runnable onExpiry, long delay, TimeUnit unit) {
        var future = TIMERS.schedule(() -> execute(onExpiry), delay, unit);
        return () -> future.cancel(false);
    }

    /** Runs what is queued; waits up to {@code waitMillis} for a first task when none is. */
    boolean runTasks(long waitMillis) throws InterruptedException {
        Runnable task = waitMillis > 0 ? tasks.poll(waitMillis, TimeUnit.MILLISECONDS) : tasks.poll();
        boolean ran = false;
        while (task != null) {
            task.run();
            ran = true;
            task = tasks.poll();
        }
        return ran;
    }
}
