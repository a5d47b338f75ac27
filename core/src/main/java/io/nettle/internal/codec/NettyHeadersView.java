package io.nettle.internal.codec;

import io.netty.handler.codec.http.HttpHeaders;
import io.nettle.http.Headers;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link Headers} over Netty's {@link HttpHeaders}, without copying. */
public final class NettyHeadersView implements Headers {
    private final HttpHeaders headers;

    public NettyHeadersView(HttpHeaders headers) {
        this.headers = headers;
    }

    /** The Netty headers behind {@code headers}, which must be a view made by this class. */
    public static HttpHeaders unwrap(Headers headers) {
        return ((NettyHeadersView) headers).headers;
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    @Override
    public List<String> getAll(String name) {
        return Collections.unmodifiableList(headers.getAll(name));
    }

    @Override
    public boolean contains(String name) {
        return headers.contains(name);
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(headers.names()));
    }

    @Override
    public int size() {
        return headers.size();
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        Iterator<Map.Entry<String, String>> it = headers.iteratorAsString();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Map.Entry<String, String> next() {
                Map.Entry<String, String> e = it.next();
                return Map.entry(e.getKey(), e.getValue());
            }
        };
    }

    @Override
    public String toString() {
        return headers.toString();
    }
}
