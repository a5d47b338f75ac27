package io.nettle.testing;

import io.nettle.security.PasswordHasher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A burst of logins, run in a JVM of its own by {@code PasswordHasherTest}: {@code args[0]}
 * threads verify the right password against one Argon2id hash at once. Exits 0 when every
 * verification said yes, 1 otherwise (an {@code OutOfMemoryError} included).
 */
public final class ConcurrentLogins {

    private ConcurrentLogins() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        PasswordHasher hasher = PasswordHasher.argon2id();
        String stored = hasher.hash("secret".toCharArray());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> logins = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                logins.add(pool.submit(() -> hasher.verify("secret".toCharArray(), stored)));
            }
            for (Future<Boolean> login : logins) {
                if (!login.get()) {
                    System.exit(1);
                }
            }
        } catch (Exception | OutOfMemoryError e) {
            System.err.println(e);
            System.exit(1);
        } finally {
            pool.shutdown();
        }
        System.exit(0);
    }
}
