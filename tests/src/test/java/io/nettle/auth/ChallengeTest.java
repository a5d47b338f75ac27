package io.nettle.auth;

import static io.nettle.auth.Guard.requires;
import static io.nettle.testkit.NettleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
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
import io.nettle.testkit.OnEveryProtocol;
import io.nettle.testkit.TestClient;
import io.nettle.testkit.TestResponse;
import io.nettle.testkit.Wire;
import io.nettle.websocket.WebSocketDisconnect;
import io.nettle.websocket.WebSocketRoute;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Challenges: backends declare their {@code WWW-Authenticate} challenge, a guard with
 * {@code challenge()} answers an anonymous user 401 with those of the backends (a chain's
 * combined, one line each), a missing scope stays 403, and without {@code challenge()} nothing
 * changes (Starlette's defaults: 403, 400 for bad credentials, no header).
 */
@OnEveryProtocol
class ChallengeTest {
    private static final String BASIC = "Basic realm=\"nettle\", charset=\"UTF-8\"";
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Endpoint WHO = Endpoint.sync(request -> Response.text("ok " + request.user().displayName()));

    private final Wire wire;

    ChallengeTest(Wire wire) {
        this.wire = wire;
    }

    static BasicAuthBackend basic(String realm) {
        return new BasicAuthBackend(BasicAuthBackend.Verifier.passwords(Map.of("tom", "secret", "admin", "secret"),
            user -> AuthResult.user(user, user.equals("admin") ? new String[] {"admin"} : new String[0])), realm);
    }

    static JwtBearerBackend bearer(String realm) {
        JwtBearerBackend.Builder builder = JwtBearerBackend.builder().hs256(SECRET);
        return (realm == null ? builder : builder.realm(realm)).build();
    }

    static App app(AuthenticationBackend backend, BiFunction<io.nettle.http.Request, AuthenticationError, Response> onError) {
        AuthenticationMiddleware.Builder middleware = AuthenticationMiddleware.builder(backend);
        if (onError != null) {
            middleware.onError(onError);
        }
        return App.builder()
            .route(Route.get("/", Endpoint.sync(request -> Response.text(String.join(" | ", Challenges.of(request))))).name("home"))
            .route(Route.get("/challenged", requires("authenticated").challenge().wrap(WHO)))
            .route(Route.get("/admin", requires("authenticated", "admin").challenge().wrap(WHO)))
            .route(Route.get("/hidden", requires("admin").challenge().status(404).wrap(WHO)))
            .route(Route.get("/account", requires("authenticated").challenge().redirect("home").wrap(WHO)))
            .route(Route.get("/plain", requires("authenticated", WHO)))
            .route(WebSocketRoute.of("/ws", requires("authenticated").challenge().wrapWebSocket(ws -> ws.accept())))
            .middleware(middleware.build())
            .build();
    }

    static Map<String, String> basicAuth(String credentials) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    static String token(byte[] secret, String scope) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("alice").claim("scope", scope)
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> challenges(TestResponse response) {
        return response.headers().getAll("WWW-Authenticate");
    }

    @Test
    void basicAnswersAnAnonymousUserAndAWrongPassword401WithItsChallenge() {
        try (TestClient client = TestClient.of(app(basic("nettle"), null), wire)) {
            assertThat(client.get("/challenged")).hasStatus(401).hasHeader("WWW-Authenticate", BASIC);
            assertThat(client.get("/challenged", basicAuth("tom:wrong"))).hasStatus(401).hasHeader("WWW-Authenticate", BASIC);
            assertThat(client.get("/challenged", basicAuth("nobody:secret"))).hasStatus(401).hasHeader("WWW-Authenticate", BASIC);
            assertThat(client.get("/challenged", basicAuth("tom:secret"))).hasStatus(200).hasBody("ok tom").hasNoHeader("WWW-Authenticate");
        }
    }

    @Test
    void theDefaultRealmIsNettleAndARealmIsQuoted() {
        assertThat(new BasicAuthBackend((u, p) -> null).challenges()).containsExactly(BASIC);
        assertThat(basic("staff \"area\" \\ 1").challenges()).containsExactly("Basic realm=\"staff \\\"area\\\" \\\\ 1\", charset=\"UTF-8\"");
        assertThatIllegalArgumentException().isThrownBy(() -> basic("bad\r\nSet-Cookie: x=1"));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtBearerBackend.builder().realm("a\nb"));
    }

    @Test
    void aMissingScopeStays403WithoutAChallenge() {
        try (TestClient client = TestClient.of(app(basic("nettle"), null), wire)) {
            assertThat(client.get("/admin", basicAuth("tom:secret"))).hasStatus(403).hasNoHeader("WWW-Authenticate");
            assertThat(client.get("/admin", basicAuth("admin:secret"))).hasStatus(200);
            assertThat(client.get("/admin")).hasStatus(401).hasHeader("WWW-Authenticate", BASIC);
        }
    }

    @Test
    void statusAndRedirectStillAnswerASignedInUserWhileAnAnonymousOneIsChallenged() {
        try (TestClient client = TestClient.of(app(basic("nettle"), null), wire)) {
            assertThat(client.get("/hidden", basicAuth("tom:secret"))).hasStatus(404).hasNoHeader("WWW-Authenticate");
            assertThat(client.get("/hidden")).hasStatus(401).hasHeader("WWW-Authenticate", BASIC);
            assertThat(client.get("/account")).hasStatus(401).hasHeader("WWW-Authenticate", BASIC);
        }
    }

    @Test
    void withoutChallengeTheDefaultsStayStarlettes() {
        try (TestClient client = TestClient.of(app(basic("nettle"), null), wire)) {
            assertThat(client.get("/plain")).hasStatus(403).hasNoHeader("WWW-Authenticate");
            assertThat(client.get("/plain", basicAuth("tom:wrong"))).hasStatus(403).hasNoHeader("WWW-Authenticate");
            assertThat(client.get("/plain", Map.of("Authorization", "Basic !!!"))).hasStatus(400)
                .hasBody(BasicAuthBackend.INVALID).hasNoHeader("WWW-Authenticate");
        }
        try (TestClient client = TestClient.of(app(bearer("api"), null), wire)) {
            assertThat(client.get("/challenged", Map.of("Authorization", "Bearer nonsense"))).hasStatus(400)
                .hasBody(JwtBearerBackend.INVALID).hasNoHeader("WWW-Authenticate");
        }
    }

    @Test
    void unauthorizedAnswersBadCredentials401WithTheChallenge() {
        try (TestClient client = TestClient.of(app(basic("nettle"), Challenges.unauthorized()), wire)) {
            assertThat(client.get("/plain", Map.of("Authorization", "Basic !!!"))).hasStatus(401)
                .hasBody(BasicAuthBackend.INVALID).hasHeader("WWW-Authenticate", BASIC);
        }
        AuthenticationBackend noChallenge = AuthenticationBackend.sync(connection -> {
            throw new AuthenticationError("Unknown user");
        });
        try (TestClient client = TestClient.of(app(noChallenge, Challenges.unauthorized()), wire)) {
            assertThat(client.get("/plain")).as("a 401 needs a challenge: without one it stays 400")
                .hasStatus(400).hasBody("Unknown user").hasNoHeader("WWW-Authenticate");
        }
    }

    @Test
    void bearerHasTheRfc6750ChallengeAndErrorCodes() {
        try (TestClient client = TestClient.of(app(bearer("api"), Challenges.unauthorized()), wire)) {
            assertThat(client.get("/challenged")).hasStatus(401).hasHeader("WWW-Authenticate", "Bearer realm=\"api\"");
            assertThat(client.get("/challenged", Map.of("Authorization", "Bearer nonsense"))).hasStatus(401)
                .hasHeader("WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"Invalid bearer token\"");
            String forged = token("another-secret-of-at-least-32-bytes!!!!!".getBytes(StandardCharsets.US_ASCII), "admin");
            assertThat(client.get("/challenged", Map.of("Authorization", "Bearer " + forged))).hasStatus(401)
                .hasHeader("WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"Invalid bearer token\"");
            assertThat(client.get("/challenged", Map.of("Authorization", "Bearer two tokens"))).hasStatus(401)
                .hasHeader("WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_request\", error_description=\"Invalid bearer token\"");
            String valid = token(SECRET, "read");
            assertThat(client.get("/challenged", Map.of("Authorization", "Bearer " + valid))).hasStatus(200).hasBody("ok alice");
            assertThat(client.get("/admin", Map.of("Authorization", "Bearer " + valid))).hasStatus(403)
                .hasHeader("WWW-Authenticate", "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"authenticated admin\"");
            assertThat(client.get("/hidden", Map.of("Authorization", "Bearer " + valid))).as("a hidden route stays hidden")
                .hasStatus(404).hasNoHeader("WWW-Authenticate");
        }
        App scoped = App.builder()
            .route(Route.get("/custom", Guard.requiresThat(c -> false).challenge().wrap(WHO)))
            .route(Route.get("/odd", requires("a\"b").challenge().wrap(WHO)))
            .route(Route.get("/plain", requires("admin").wrap(WHO)))
            .middleware(new AuthenticationMiddleware(bearer(null)))
            .build();
        try (TestClient client = TestClient.of(scoped, wire)) {
            Map<String, String> valid = Map.of("Authorization", "Bearer " + token(SECRET, "read"));
            assertThat(client.get("/custom", valid)).hasStatus(403).hasHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
            assertThat(client.get("/odd", valid)).as("no scope attribute that is not a scope token")
                .hasStatus(403).hasHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
            assertThat(client.get("/plain", valid)).as("only with challenge()").hasStatus(403).hasNoHeader("WWW-Authenticate");
        }
        try (TestClient client = TestClient.of(app(bearer(null), Challenges.unauthorized()), wire)) {
            assertThat(client.get("/challenged")).hasStatus(401).hasHeader("WWW-Authenticate", "Bearer");
            assertThat(client.get("/challenged", Map.of("Authorization", "Bearer nonsense"))).hasStatus(401)
                .hasHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"Invalid bearer token\"");
        }
    }

    @Test
    void aChainCombinesTheChallengesOfItsBackendsOneLineEach() {
        ApiKeyBackend keys = ApiKeyBackend.builder().key("k", AuthResult.user("svc")).challenge("ApiKey header=\"X-API-Key\"").build();
        AuthenticationBackend chain = AuthenticationBackend.chain(basic("nettle"), bearer("api"), keys, bearer("api"));
        assertThat(chain.challenges()).containsExactly(BASIC, "Bearer realm=\"api\"", "ApiKey header=\"X-API-Key\"");
        try (TestClient client = TestClient.of(app(chain, Challenges.unauthorized()), wire)) {
            assertThat(challenges(client.get("/challenged"))).containsExactly(BASIC, "Bearer realm=\"api\"", "ApiKey header=\"X-API-Key\"");
            assertThat(challenges(client.get("/challenged", basicAuth("tom:wrong"))))
                .containsExactly(BASIC, "Bearer realm=\"api\"", "ApiKey header=\"X-API-Key\"");
            TestResponse badToken = client.get("/challenged", Map.of("Authorization", "Bearer nonsense"));
            assertThat(badToken).hasStatus(401);
            assertThat(challenges(badToken)).as("the error's challenge replaces its backend's, in place").containsExactly(BASIC,
                "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"Invalid bearer token\"", "ApiKey header=\"X-API-Key\"");
            assertThat(client.get("/", Map.of("X-API-Key", "k"))).hasStatus(200)
                .hasBody(BASIC + " | Bearer realm=\"api\" | ApiKey header=\"X-API-Key\"");
            assertThat(client.get("/challenged", Map.of("X-API-Key", "k"))).hasStatus(200).hasBody("ok svc");
        }
    }

    @Test
    void anExceptionHandlerSeesTheChallengesJoinedOrAddsThemLineByLine() {
        AuthenticationBackend chain = AuthenticationBackend.chain(basic("nettle"), bearer("api"));
        App app = App.builder()
            .route(Route.get("/joined", requires("authenticated").challenge().wrap(WHO)))
            .middleware(new AuthenticationMiddleware(chain))
            .exceptionHandler(401, (request, e) -> Response.text(e.headers().get("WWW-Authenticate")).withStatus(401))
            .build();
        try (TestClient client = TestClient.of(app, wire)) {
            assertThat(client.get("/joined")).hasStatus(401).hasBody(BASIC + ", Bearer realm=\"api\"").hasNoHeader("WWW-Authenticate");
        }
        App lines = App.builder()
            .route(Route.get("/lines", requires("authenticated").challenge().wrap(WHO)))
            .middleware(new AuthenticationMiddleware(chain))
            .exceptionHandler(401, (request, e) -> Challenges.addTo(Response.json(Map.of("error", e.detail())).withStatus(401), request))
            .build();
        try (TestClient client = TestClient.of(lines, wire)) {
            TestResponse response = client.get("/lines");
            assertThat(response).hasStatus(401).hasJsonBody("{\"error\": \"Unauthorized\"}");
            assertThat(challenges(response)).containsExactly(BASIC, "Bearer realm=\"api\"");
        }
    }

    @Test
    void withoutAnyChallengeTheGuardDeniesAsBefore() {
        try (TestClient client = TestClient.of(app(TestBackends.HEADERS, null), wire)) {
            assertThat(client.get("/challenged")).hasStatus(403).hasNoHeader("WWW-Authenticate");
            assertThat(client.get("/hidden")).hasStatus(404);
            assertThat(client.get("/account")).hasStatus(303);
        }
    }

    @Test
    void aGuardedWebSocketIsStillClosedWith1008() {
        try (TestClient client = TestClient.of(app(basic("nettle"), null), wire)) {
            assertThatThrownBy(() -> client.websocketConnect("/ws"))
                .isInstanceOfSatisfying(WebSocketDisconnect.class, denied -> assertThat(denied.code()).isEqualTo(1008));
            assertThatThrownBy(() -> client.websocketConnect("/ws", basicAuth("tom:wrong")))
                .isInstanceOfSatisfying(WebSocketDisconnect.class, denied -> assertThat(denied.code()).isEqualTo(1008));
            client.websocketConnect("/ws", basicAuth("tom:secret")).close();
        }
    }

    @Test
    void challengesMustBeHeaderValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AuthenticationError("x", "Bearer\r\nSet-Cookie: a=b"));
        assertThatIllegalArgumentException().isThrownBy(() -> new AuthenticationError("x", " Bearer"));
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyBackend.builder().challenge("ApiKey\nx"));
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyBackend.builder().challenge(""));
        AuthenticationBackend broken = new AuthenticationBackend() {
            @Override
            public java.util.concurrent.CompletionStage<java.util.Optional<AuthResult>> authenticate(io.nettle.http.Connection c) {
                return java.util.concurrent.CompletableFuture.completedFuture(java.util.Optional.empty());
            }

            @Override
            public List<String> challenges() {
                return List.of("Basic\r\n");
            }
        };
        assertThatIllegalArgumentException().isThrownBy(() -> new AuthenticationMiddleware(broken));
        assertThat(new AuthenticationError("x", "Bearer error=\"invalid_token\"").challenge()).contains("Bearer error=\"invalid_token\"");
        assertThat(new AuthenticationError("x").challenge()).isEmpty();
    }
}
