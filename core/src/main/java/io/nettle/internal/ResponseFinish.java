package io.nettle.internal;

import io.nettle.Compression;
import io.nettle.ServerSettings;
import io.nettle.Tls;
import io.nettle.http.Response;
import io.nettle.internal.codec.ResponseCompression;

/**
 * What the server does to every application response before any protocol writes it: response
 * compression as the client accepts it, and HSTS over TLS. Protocol-neutral; one per app, made
 * from its settings.
 */
public final class ResponseFinish {
    private static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

    /** Response compression, or {@code null} when off. */
    private final Compression compression;
    /** The {@code Strict-Transport-Security} value sent over TLS, or {@code null}. */
    private final String hsts;

    ResponseFinish(ServerSettings settings) {
        this.compression = settings.compression().orElse(null);
        if (compression != null) {
            // Finds the codings now, loading brotli's and zstd's native libraries (when present)
            // while the app is built, not on an event loop at the first compressed response.
            ResponseCompression.codings();
        }
        this.hsts = settings.tls().flatMap(Tls::hsts).map(age -> "max-age=" + age.toSeconds()).orElse(null);
    }

    /** {@code response} as it goes out to a client that sent {@code acceptEncoding}, over TLS when {@code secure}. */
    public Response apply(Response response, String acceptEncoding, boolean secure) {
        Response finished = compression == null ? response : ResponseCompression.apply(compression, response, acceptEncoding);
        if (secure && hsts != null && finished.headers().get(STRICT_TRANSPORT_SECURITY).isEmpty()) {
            finished = finished.withHeader(STRICT_TRANSPORT_SECURITY, hsts);
        }
        return finished;
    }
}
