package io.nettle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Mount;
import io.nettle.routing.Routable;
import io.nettle.routing.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuildValidationTest {
    private static final Endpoint OK = Endpoint.sync(request -> Response.text("ok"));

    private static App build(Routable... routes) {
        return App.builder().route(routes).build();
    }

    @Test
    void aDuplicateRouteNameFailsTheBuild() {
        assertThatThrownBy(() -> build(Route.get("/a", OK).name("home"), Route.get("/b", OK).name("home")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("two routes are named 'home'");
    }

    @Test
    void aDuplicateNameInsideOneMountFailsTheBuild() {
        assertThatThrownBy(() -> build(Mount.of("/api",
                Route.get("/a", OK).name("users"), Route.get("/b", OK).name("users")).name("api")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'api:users'");
    }

    @Test
    void oneRouteNameInTwoNamedMountsIsFine() {
        assertThatCode(() -> build(
                Mount.of("/v1", Route.get("/users", OK).name("users")).name("v1"),
                Mount.of("/v2", Route.get("/users", OK).name("users")).name("v2")))
            .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "users        | must start with '/'",
        "/users/{id   | must be either literal or exactly one {parameter}",
        "/a/{x}{y}    | must be either literal or exactly one {parameter}",
        "/a/x{y}      | must be either literal or exactly one {parameter}",
        "/a/{1x}      | invalid parameter name '1x'",
        "/a/{}        | invalid parameter name ''",
        "/{rest:path}/x | must be the last segment",
        "/a/{x}/{x:int} | parameter 'x' appears twice",
    })
    void aMalformedTemplateFailsTheBuildNamingTemplateAndProblem(String template, String problem) {
        assertThatThrownBy(() -> build(Route.get(template, OK)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + template + "'")
            .hasMessageContaining(problem);
    }

    @Test
    void anUnknownConverterFailsTheBuildListingTheKnownOnes() {
        assertThatThrownBy(() -> build(Route.get("/a/{id:long}", OK)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("unknown converter 'long'")
            .hasMessageContaining("str, int, float, uuid, path");
    }

    @Test
    void aMalformedTemplateInsideAMountFailsTheBuild() {
        assertThatThrownBy(() -> build(Mount.of("/api", Route.get("/{x:nope}", OK))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'/api/{x:nope}'");
    }

    @Test
    void twoRoutesForTheSameMethodAndPathFailTheBuild() {
        assertThatThrownBy(() -> build(Route.get("/users", OK), Route.of("/users", OK, "POST", "GET")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("two routes answer GET /users");
    }

    @Test
    void aMountedRouteClashingWithATopLevelOneFailsTheBuild() {
        assertThatThrownBy(() -> build(Route.get("/api/users", OK), Mount.of("/api", Route.get("/users", OK))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("GET /api/users");
    }

    @Test
    void templatesThatDifferOnlyInParameterNamesFailTheBuild() {
        assertThatThrownBy(() -> build(Route.get("/users/{id:int}", OK), Route.get("/users/{uid:int}", OK)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("/users/{id:int}")
            .hasMessageContaining("/users/{uid:int}");
    }

    @Test
    void oneTemplateWithDifferentMethodsInSeparateRoutesIsFine() {
        assertThatCode(() -> build(Route.get("/users/{id:int}", OK), Route.delete("/users/{id:int}", OK)))
            .doesNotThrowAnyException();
    }

    @Test
    void invalidNamesPrefixesAndMethodsFailWhenTheRouteIsMade() {
        assertThatThrownBy(() -> Route.get("/a", OK).name("a:b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.get("/a", OK).name(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.of("/a", OK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.of("/a", OK, "GE T")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mount.of("api")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mount.of("/api/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mount.of("/api").name("x:y")).isInstanceOf(IllegalArgumentException.class);
    }
}
