package io.nettle.internal.multipart;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.nettle.http.HttpException;
import io.nettle.http.MultipartForm;
import io.nettle.http.MultipartLimits;
import io.nettle.http.Params;
import io.nettle.http.UploadedFile;
import io.nettle.internal.RequestState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads a {@code multipart/form-data} body with Netty's decoder, one piece of the body at a time
 * on the blocking executor (parts above the memory threshold are written to temporary files, which
 * is disk I/O), the next piece only once the previous one was decoded. The decoder and its
 * temporary files are let go, on the blocking executor too, once the exchange is over.
 */
public final class MultipartReader {
    /** Most bytes the decoder keeps undecoded (a part's head, say) before the body is refused. */
    private static final int MAX_UNDECODED = 64 * 1024;

    private final HttpPostMultipartRequestDecoder decoder;
    private final MultipartLimits limits;
    /** The closing delimiter, {@code --boundary--}, which a complete body ends with. */
    private final byte[] closing;
    /** The last bytes of the body so far, to find the closing delimiter at its end. */
    private final byte[] tail;
    private int tailLength;

    private MultipartReader(HttpPostMultipartRequestDecoder decoder, MultipartLimits limits, String boundary) {
        this.decoder = decoder;
        this.limits = limits;
        this.closing = ("--" + boundary + "--").getBytes(StandardCharsets.ISO_8859_1);
        this.tail = new byte[closing.length + 8];
    }

    /** The multipart body of the request of {@code state}, read within {@code limits}. */
    public static CompletionStage<MultipartForm> read(RequestState state, MultipartLimits limits) {
        String type = state.head().headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return CompletableFuture.failedFuture(new HttpException(415, "Expected a multipart/form-data body"));
        }
        String boundary = boundary(type);
        if (boundary == null) {
            return CompletableFuture.failedFuture(new HttpException(400, "Malformed multipart/form-data header: no boundary"));
        }
        DefaultHttpDataFactory factory = new DefaultHttpDataFactory(limits.memoryThreshold(), StandardCharsets.UTF_8);
        factory.setMaxLimit(Math.max(limits.maxFieldSize(), limits.maxFileSize()));
        factory.setDeleteOnExit(false);
        if (limits.tempDirectory() != null) {
            factory.setBaseDir(limits.tempDirectory().toString());
        }
        MultipartReader reader;
        try {
            reader = new MultipartReader(new HttpPostMultipartRequestDecoder(factory, state.head(), StandardCharsets.UTF_8,
                limits.maxParts(), MAX_UNDECODED), limits, boundary);
        } catch (DecoderException malformed) {
            return CompletableFuture.failedFuture(new HttpException(400, "Malformed multipart/form-data header: no boundary"));
        }
        Executor blocking = state.app().blockingExecutor();
        state.body().whenDone(() -> blocking.execute(reader.decoder::destroy));
        return state.body()
            .stream(piece -> CompletableFuture.runAsync(() -> reader.take(piece), blocking))
            .thenApplyAsync(end -> reader.finish(), blocking)
            .exceptionally(failure -> {
                throw new CompletionException(reader.inClientsTerms(failure));
            });
    }

    /** The {@code boundary} parameter of a multipart content type, unquoted; {@code null} when there is none. */
    private static String boundary(String contentType) {
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("boundary=");
        if (at < 0) {
            return null;
        }
        String value = contentType.substring(at + 9).split(";", 2)[0].trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() || value.length() > 70 ? null : value;
    }

    /** Decodes one piece of the body, keeping its last bytes. */
    private void take(byte[] piece) {
        int keep = Math.min(piece.length, tail.length);
        int shift = Math.min(tailLength, tail.length - keep);
        System.arraycopy(tail, tailLength - shift, tail, 0, shift);
        System.arraycopy(piece, piece.length - keep, tail, shift, keep);
        tailLength = shift + keep;
        offer(new DefaultHttpContent(Unpooled.wrappedBuffer(piece)));
    }

    /** Whether the body ended with the closing delimiter (and at most some line breaks after it). */
    private boolean closed() {
        int end = tailLength;
        while (end > 0 && (tail[end - 1] == '\r' || tail[end - 1] == '\n')) {
            end--;
        }
        if (end < closing.length) {
            return false;
        }
        for (int i = 0; i < closing.length; i++) {
            if (tail[end - closing.length + i] != closing[i]) {
                return false;
            }
        }
        return true;
    }

    private void offer(HttpContent content) {
        try {
            decoder.offer(content);
        } finally {
            content.release();
        }
    }

    private MultipartForm finish() {
        offer(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!closed()) {
            throw new HttpException(400, "Malformed multipart/form-data body: it does not end with its closing boundary");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<UploadedFile> files = new ArrayList<>();
        try {
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof FileUpload upload) {
                    files.add(new NettyUploadedFile(upload));
                } else if (data instanceof Attribute field) {
                    if (field.length() > limits.maxFieldSize()) {
                        throw new HttpException(413, "The field '" + SafeFilename.of(field.getName()) + "' is larger than "
                            + limits.maxFieldSize() + " bytes");
                    }
                    fields.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
                }
            }
        } catch (IOException e) {
            throw new HttpException(500, "The uploaded data could not be read back");
        }
        Params params = Params.of(fields);
        List<UploadedFile> all = List.copyOf(files);
        return new MultipartForm() {
            @Override
            public Params fields() {
                return params;
            }

            @Override
            public List<UploadedFile> files() {
                return all;
            }
        };
    }

    /** {@code failure} as the client should hear it: 413 for a limit, 400 for a malformed body, 503 when no thread was free. */
    private Throwable inClientsTerms(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpException) {
            return cause;
        }
        if (cause instanceof HttpPostRequestDecoder.TooManyFormFieldsException) {
            return new HttpException(413, "More than " + limits.maxParts() + " parts");
        }
        if (cause instanceof HttpPostRequestDecoder.TooLongFormFieldException) {
            return new HttpException(413, "A part's head is longer than " + MAX_UNDECODED + " bytes");
        }
        if (cause instanceof RejectedExecutionException) {
            return new HttpException(503, "Server busy, try again later");
        }
        if (cause instanceof HttpPostRequestDecoder.ErrorDataDecoderException && cause.getCause() instanceof IOException) {
            return new HttpException(413, "A part is larger than " + Math.max(limits.maxFieldSize(), limits.maxFileSize()) + " bytes");
        }
        return new HttpException(400, "Malformed multipart/form-data body");
    }
}
