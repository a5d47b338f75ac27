package io.nettle.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script run atomically by Redis: by its SHA-1 ({@code EVALSHA}, the script sent once),
 * and by its text when Redis does not know it ({@code NOSCRIPT}: a restarted or flushed Redis).
 */
final class RedisScript {
    private final String source;
    private final String sha;
    private final ScriptOutputType output;

    RedisScript(String source, ScriptOutputType output) {
        this.source = source;
        this.output = output;
        try {
            // Redis names a script by the SHA-1 of its text; this is a name, not a secret.
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** Runs the script on {@code keys} with {@code args}; its answer as Lettuce reads the output type. */
    <T> CompletionStage<T> run(RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
        return redis.<T>evalsha(sha, output, keys, args).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return cause instanceof RedisNoScriptException ? redis.<T>eval(source, output, keys, args) : CompletableFuture.failedStage(cause);
        });
    }
}
