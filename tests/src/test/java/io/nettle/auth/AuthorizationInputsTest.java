package io.nettle.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.nettle.App;
import io.nettle.auth.backends.ApiKeyBackend;
import io.nettle.auth.backends.BasicAuthBackend;
import io.nettle.auth.backends.JwtBearerBackend;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import io.nettle.testkit.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile {@code Authorization} headers, sent as raw bytes, against the Basic, JWT bearer and
 * API key backends (the last reading its key from {@code Authorization}): whatever their size
 * or content, each answers as documented (anonymous, the backend's 400, or the server's 400 or
 * 431 for a header HTTP itself refuses), never a 500.
 */
class AuthorizationInputsTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String API_KEY = "sk-test-5f2d9a";
    /** Just under the server's 16 KiB limit on all header lines together. */
    private static final int LONG = 16 * 1024 - 200;

    @SuppressWarnings("deprecation") // plain passwords: fine in a test of the header parsing
    private static final TestClient BASIC = client(new BasicAuthBackend(
        BasicAuthBackend.Verifier.passwords(Map.of("user", "pass"), user -> AuthResult.user(user, "authenticated"))));
    private static final TestClient JWT = client(JwtBearerBackend.builder().hs256(SECRET).build());
    private static final TestClient API = client(ApiKeyBackend.builder()
        .fromHeader("Authorization").key(API_KEY, AuthResult.user("user", "authenticated")).build());

    private static TestClient client(AuthenticationBackend backend) {
        return TestClient.of(App.builder()
            .route(Route.get("/", Endpoint.sync(request -> Response.text(
                request.user().isAuthenticated() ? request.user().displayName() : "anonymous"))))
            .middleware(new AuthenticationMiddleware(backend))
            .build());
    }

    @AfterAll
    static void close() {
        BASIC.close();
        JWT.close();
        API.close();
    }

    /**
     * Header values (ISO-8859-1, each a whole {@code Authorization} line's value; several for
     * repeated headers) and what the Basic, JWT and API key backends answer: {@code 200 <user>}
     * or {@code 200 anonymous}, else the status.
     */
    static Stream<Arguments> inputs() {
        String basicUser = "Basic " + base64("user:pass");
        return Stream.of(
            // Sanity: each backend's own good credentials.
            inputs("valid Basic", List.of(basicUser), "200 user", "200 anonymous", "400"),
            inputs("valid bearer token", List.of("Bearer " + token()), "200 anonymous", "200 user", "400"),
            inputs("valid API key", List.of(API_KEY), "400", "200 anonymous", "200 user"),
            // Shape.
            inputs("empty", List.of(""), "400", "200 anonymous", "400"),
            inputs("only spaces", List.of("    "), "400", "200 anonymous", "400"),
            inputs("scheme alone", List.of("Basic"), "400", "200 anonymous", "400"),
            inputs("bearer scheme alone", List.of("Bearer"), "400", "400", "400"),
            inputs("three parts", List.of("Basic abc def"), "400", "200 anonymous", "400"),
            inputs("bearer with three parts", List.of("Bearer abc def"), "400", "400", "400"),
            inputs("tabs around and between", List.of("\tBasic\t\t" + base64("user:pass") + "\t"), "200 user", "200 anonymous", "400"),
            inputs("a no-break space between", List.of("Basic\u00a0" + base64("user:pass")), "200 user", "200 anonymous", "400"),
            // Base64.
            inputs("surplus padding", List.of("Basic " + base64("user:pass") + "="), "400", "200 anonymous", "400"),
            inputs("missing padding", List.of("Basic dXNlcjpwYXN"), "400", "200 anonymous", "400"),
            inputs("padding inside", List.of("Basic dQ==dXNlcjpwYXNz"), "400", "200 anonymous", "400"),
            inputs("base64url alphabet", List.of("Basic " + base64("user:pass").replace('c', '-')), "400", "200 anonymous", "400"),
            inputs("not base64 at all", List.of("Basic ####"), "400", "200 anonymous", "400"),
            inputs("decodes to non-ASCII", List.of("Basic " + Base64.getEncoder().encodeToString(
                new byte[] {(byte) 0xC3, (byte) 0xA9, ':', 'p'})), "400", "200 anonymous", "400"),
            inputs("decodes to NUL", List.of("Basic " + base64("user\0:pass")), "200 anonymous", "200 anonymous", "400"),
            inputs("decodes to no colon", List.of("Basic " + base64("userpass")), "200 anonymous", "200 anonymous", "400"),
            inputs("wrong password of the right length", List.of("Basic " + base64("user:pasS")), "200 anonymous", "200 anonymous", "400"),
            // Bytes HTTP carries but the schemes do not.
            inputs("non-ASCII bytes in the credentials", List.of("Basic \u00ff\u00fe\u00e9\u00e9"), "400", "200 anonymous", "400"),
            inputs("non-ASCII bytes in the scheme", List.of("B\u00e4sic " + base64("user:pass")), "200 anonymous", "200 anonymous", "400"),
            inputs("non-ASCII bytes in a token", List.of("Bearer \u00e9\u00e9.\u00e9.\u00e9"), "200 anonymous", "400", "400"),
            inputs("an embedded NUL", List.of("Basic dXNl\0cjpwYXNz"), "400", "400", "400"),
            inputs("a control character", List.of("Basic dXNl\u0001cjpwYXNz"), "400", "400", "400"),
            // Tokens built to trip a parser.
            inputs("a token that is not three parts", List.of("Bearer a.b"), "200 anonymous", "400", "400"),
            inputs("a token of invalid base64url", List.of("Bearer !!!.!!!.!!!"), "200 anonymous", "400", "400"),
            inputs("an unsigned token (alg none)", List.of("Bearer " + base64Url("{\"alg\":\"none\"}") + "."
                + base64Url("{\"sub\":\"user\",\"exp\":9999999999}") + "."), "200 anonymous", "400", "400"),
            inputs("a token header nested 8000 deep", List.of("Bearer " + base64Url("{\"alg\":" + "[".repeat(8000)) + ".e30.c2ln"),
                "200 anonymous", "400", "400"),
            inputs("a token header with a huge number", List.of("Bearer " + base64Url("{\"alg\":1" + "0".repeat(9000) + "}") + ".e30.c2ln"),
                "200 anonymous", "400", "400"),
            // Size.
            inputs("very long Basic credentials", List.of("Basic " + "QUFB".repeat(LONG / 4)), "200 anonymous", "200 anonymous", "400"),
            inputs("very long Basic garbage", List.of("Basic " + "////".repeat(LONG / 4)), "400", "200 anonymous", "400"),
            inputs("a very long token", List.of("Bearer " + "a".repeat(LONG / 2) + "." + "b".repeat(LONG / 2 - 10) + ".c"),
                "200 anonymous", "400", "400"),
            inputs("a very long scheme", List.of("x".repeat(LONG)), "400", "200 anonymous", "400"),
            inputs("beyond the header limit", List.of("Basic " + "QUFB".repeat(16 * 1024 / 4)), "431", "431", "431"),
            // Repetition.
            inputs("two Authorization headers", List.of(basicUser, basicUser), "400", "400", "400"),
            inputs("two different schemes", List.of(basicUser, "Bearer " + token()), "400", "400", "400"),
            inputs("an empty one and a valid one", List.of("", API_KEY), "400", "400", "400"));
    }

    private static Arguments inputs(String what, List<String> values, String basic, String jwt, String apiKey) {
        return Arguments.of(what, values, basic, jwt, apiKey);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void answersAsDocumentedNever500(String what, List<String> values, String basic, String jwt, String apiKey) {
        assertThat(answer(BASIC, values)).as("Basic").isEqualTo(basic);
        assertThat(answer(JWT, values)).as("JWT bearer").isEqualTo(jwt);
        assertThat(answer(API, values)).as("API key").isEqualTo(apiKey);
    }

    /** {@code 200 <body>} for a success, else the status alone. */
    private static String answer(TestClient client, List<String> values) {
        StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: testserver\r\nConnection: close\r\n");
        values.forEach(value -> request.append("Authorization: ").append(value).append("\r\n"));
        String raw = client.sendRaw(request.append("\r\n").toString());
        assertThat(raw).as("a response").startsWith("HTTP/1.1 ");
        String status = raw.substring(9, 12);
        return status.equals("200") ? status + " " + raw.substring(raw.indexOf("\r\n\r\n") + 4) : status;
    }

    private static String token() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().subject("user").expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build());
            jwt.sign(new MACSigner(SECRET));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
