package io.nettle.http;

import java.util.Objects;

/**
 * A typed key for {@link Connection#attribute(AttributeKey)}: middleware stores values
 * under it, endpoints read them back without casts.
 * <pre>{@code
 * static final AttributeKey<Tenant> TENANT = AttributeKey.of("tenant", Tenant.class);
 * }</pre>
 * Keys compare by identity: keep one instance in a constant.
 *
 * @param <T> the type of the value
 */
public final class AttributeKey<T> {
    private final String name;
    private final Class<T> type;

    private AttributeKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** A new key; {@code name} is only for messages and debugging. */
    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, type);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return "AttributeKey[" + name + "]";
    }
}
