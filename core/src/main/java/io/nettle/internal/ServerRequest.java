package io.nettle.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.nettle.http.HttpException;
import io.nettle.http.MultipartForm;
import io.nettle.http.MultipartLimits;
import io.nettle.http.Params;
import io.nettle.http.Request;
import io.nettle.internal.codec.JsonBodies;
import io.nettle.internal.codec.ParamsParser;
import io.nettle.internal.multipart.MultipartReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** The {@link Request} the server makes for each request it reads (and the test client's server side). */
public final class ServerRequest extends ConnectionBase implements Request {

    public ServerRequest(RequestState state) {
        super(state);
    }

    @Override
    public String method() {
        return requestState().head().method().name();
    }

    @Override
    public CompletionStage<byte[]> body() {
        return requestState().body().read();
    }

    @Override
    public CompletionStage<String> text() {
        return body().thenApply(bytes -> new String(bytes, charset()));
    }

    @Override
    public CompletionStage<JsonNode> json() {
        return body().thenApply(JsonBodies::tree);
    }

    @Override
    public <T> CompletionStage<T> json(Class<T> type) {
        return body().thenApply(bytes -> JsonBodies.bind(bytes, type));
    }

    @Override
    public CompletionStage<Params> form() {
        return body().thenApply(bytes -> ParamsParser.parse(new String(bytes, StandardCharsets.UTF_8), "form body"));
    }

    @Override
    public CompletionStage<MultipartForm> multipart(MultipartLimits limits) {
        return MultipartReader.read(requestState(), Objects.requireNonNull(limits, "limits"));
    }

    private Charset charset() {
        String type = header("Content-Type").orElse("");
        int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            String name = type.substring(at + 8).split(";", 2)[0].trim().replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (RuntimeException unknown) {
                throw new HttpException(400, "Unsupported charset in Content-Type");
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public String toString() {
        return method() + " " + url().pathAndQuery();
    }
}
