package io.nettle.auth;

import io.nettle.http.AttributeKey;
import io.nettle.http.Connection;
import io.nettle.http.HttpException;
import io.nettle.http.Request;
import io.nettle.http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The {@code WWW-Authenticate} challenges of a connection: those of the backend of the
 * {@link AuthenticationMiddleware} that authenticated it ({@link AuthenticationBackend#challenges()}),
 * with, after bad credentials, the challenge of the {@link AuthenticationError} in place of the
 * backend's own of the same scheme (RFC 6750's {@code error="invalid_token"}, for example).
 * <pre>{@code
 * // a guard answering an anonymous user 401 with the challenges (403 stays for a missing scope)
 * Route.get("/dashboard", requires("authenticated").challenge().wrap(dashboard))
 * // bad credentials answered 401 with the challenges instead of the default 400
 * AuthenticationMiddleware.builder(backend).onError(Challenges.unauthorized()).build()
 * // an exception handler or onError of your own adds them to its response, one line each
 * (request, e) -> Challenges.addTo(Response.json(Map.of("error", e.detail())).withStatus(401), request)
 * }</pre>
 * Each challenge is a header line of its own: browsers read one challenge per
 * {@code WWW-Authenticate} line, curl reads both forms.
 */
public final class Challenges {
    static final AttributeKey<Challenges> KEY = AttributeKey.of("nettle.auth.challenges", Challenges.class);

    private final List<String> values;

    private Challenges(List<String> values) {
        this.values = values;
    }

    /** The challenges recorded on {@code connection}; empty when its backend has none (or no middleware ran). */
    public static List<String> of(Connection connection) {
        return connection.attribute(KEY).map(c -> c.values).orElse(List.of());
    }

    /** {@code response} with one {@code WWW-Authenticate} line per challenge of {@code connection}. */
    public static Response addTo(Response response, Connection connection) {
        Response answer = response;
        for (String challenge : of(connection)) {
            answer = answer.addHeader("WWW-Authenticate", challenge);
        }
        return answer;
    }

    /**
     * An {@code onError} for {@link AuthenticationMiddleware}: bad credentials get {@code 401}
     * ({@code text/plain}, the error's message) with the connection's challenges, or the default
     * {@code 400} when the backend has none (a {@code 401} must carry a challenge).
     */
    public static BiFunction<Request, AuthenticationError, Response> unauthorized() {
        return (request, error) -> {
            Response text = Response.text(error.getMessage());
            return of(request).isEmpty() ? text.withStatus(400) : addTo(text.withStatus(401), request);
        };
    }

    /**
     * RFC 6750's {@code insufficient_scope} challenge for {@code connection}, when it was
     * authenticated with a {@code Bearer} token and its backends have a {@code Bearer}
     * challenge; the {@code scope} attribute lists {@code scopes} when they are valid scope
     * tokens.
     */
    static java.util.Optional<String> insufficientScope(Connection connection, List<String> scopes) {
        List<String> authorization = connection.headers().getAll("Authorization");
        if (authorization.size() != 1 || !scheme(authorization.get(0).strip()).equals("bearer")) {
            return java.util.Optional.empty();
        }
        return of(connection).stream().filter(c -> scheme(c).equals("bearer")).findFirst().map(bearer -> {
            StringBuilder challenge = new StringBuilder(bearer).append(bearer.indexOf(' ') < 0 ? " " : ", ")
                .append("error=\"insufficient_scope\"");
            boolean tokens = !scopes.isEmpty() && scopes.stream().allMatch(scope -> !scope.isEmpty()
                && scope.chars().allMatch(c -> c == 0x21 || c >= 0x23 && c <= 0x5b || c >= 0x5d && c <= 0x7e));
            if (tokens) {
                challenge.append(", scope=\"").append(String.join(" ", scopes)).append('"');
            }
            return challenge.toString();
        });
    }

    /** Records {@code challenges} on {@code connection} (nothing when empty). */
    static void record(Connection connection, List<String> challenges) {
        if (!challenges.isEmpty()) {
            connection.setAttribute(KEY, new Challenges(challenges));
        }
    }

    /** {@code challenges} with {@code replacement} in place of the one of its scheme (or added first when none has it). */
    static List<String> replacing(List<String> challenges, String replacement) {
        String scheme = scheme(replacement);
        List<String> result = new ArrayList<>(challenges.size() + 1);
        boolean replaced = false;
        for (String challenge : challenges) {
            if (!replaced && scheme(challenge).equals(scheme)) {
                result.add(replacement);
                replaced = true;
            } else {
                result.add(challenge);
            }
        }
        if (!replaced) {
            result.add(0, replacement);
        }
        return List.copyOf(result);
    }

    private static String scheme(String challenge) {
        int space = challenge.indexOf(' ');
        return (space < 0 ? challenge : challenge.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    /**
     * {@code challenge} when it can be a {@code WWW-Authenticate} value: it starts with an
     * auth-scheme token and holds no control characters.
     *
     * @throws IllegalArgumentException otherwise
     */
    static String check(String challenge) {
        Objects.requireNonNull(challenge, "challenge");
        int end = challenge.indexOf(' ');
        String scheme = end < 0 ? challenge : challenge.substring(0, end);
        boolean token = !scheme.isEmpty() && scheme.chars().allMatch(c -> c > ' ' && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
        if (!token || challenge.chars().anyMatch(c -> c < ' ' && c != '\t' || c == 0x7f)) {
            throw new IllegalArgumentException("not a WWW-Authenticate challenge: '" + challenge + "'");
        }
        return challenge;
    }

    /**
     * {@code value} as an RFC 9110 quoted-string ({@code "} and {@code \} escaped), for a
     * challenge's parameter such as {@code realm}.
     *
     * @throws IllegalArgumentException when it holds control characters
     */
    public static String quoted(String value) {
        Objects.requireNonNull(value, "value");
        if (value.chars().anyMatch(c -> c < ' ' && c != '\t' || c == 0x7f)) {
            throw new IllegalArgumentException("a challenge parameter cannot hold control characters");
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * The {@code 401} of a {@link Guard#challenge()}: its {@link #headers()} hold the challenges
     * joined in one value (as RFC 9110 allows), its own response one line per challenge.
     */
    static final class Unauthorized extends HttpException {
        private static final long serialVersionUID = 1L;
        private final String[] challenges;

        Unauthorized(List<String> challenges) {
            super(401, null, Map.of("WWW-Authenticate", String.join(", ", challenges)));
            this.challenges = challenges.toArray(String[]::new);
        }

        @Override
        public Response toResponse() {
            Response response = Response.text(detail()).withStatus(401);
            for (String challenge : challenges) {
                response = response.addHeader("WWW-Authenticate", challenge);
            }
            return response;
        }
    }
}
