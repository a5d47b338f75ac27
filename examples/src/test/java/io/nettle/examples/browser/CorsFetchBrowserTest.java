package io.nettle.examples.browser;

import static io.nettle.examples.browser.Browser.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.http.Response;
import io.nettle.middleware.CorsMiddleware;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A cross-origin {@code fetch} in Chromium against an API behind {@link CorsMiddleware}: from the
 * allowed origin the preflight passes and the page reads the answer; from another origin the
 * browser refuses it, and the API's endpoint never runs.
 */
class CorsFetchBrowserTest {
    @RegisterExtension
    static final Browser browser = new Browser();

    private final AtomicInteger served = new AtomicInteger();
    /** A page whose script fetches {@code ?api=...}/data with an X-API-Key header (so, after a preflight). */
    private static final String PAGE = """
        <!doctype html><title>client</title><p id="result">waiting</p>
        <script>
          const api = new URLSearchParams(location.search).get("api");
          fetch(api + "/data", {headers: {"X-API-Key": "k1"}})
            .then(response => response.json())
            .then(json => document.getElementById("result").textContent = "got " + json.items)
            .catch(failure => document.getElementById("result").textContent = "refused");
        </script>""";

    private Site client() {
        return browser.serve(App.builder().route(Route.get("/", Endpoint.sync(request -> Response.html(PAGE)))).build());
    }

    private Site api(String allowedOrigin) {
        return browser.serve(App.builder()
            .middleware(CorsMiddleware.builder().allowOrigins(allowedOrigin).allowMethods("GET").allowHeaders("X-API-Key").build())
            .route(Route.get("/data", Endpoint.sync(request -> {
                served.incrementAndGet();
                return Response.json(Map.of("items", 3));
            })))
            .build());
    }

    private static String result(WebDriver page) {
        return await(page, driver -> {
            String text = driver.findElement(By.id("result")).getText();
            return text.equals("waiting") ? null : text;
        });
    }

    @Test
    void theAllowedOriginReadsTheAnswer() {
        Site client = client();
        Site api = api(client.origin());
        WebDriver page = browser.open();
        page.get(client.url("/?api=" + api.origin()));
        assertThat(result(page)).isEqualTo("got 3");
        assertThat(served.get()).isEqualTo(1);
    }

    @Test
    void anotherOriginIsRefusedBeforeTheEndpointRuns() {
        Site client = client();
        Site api = api("https://app.example");
        WebDriver page = browser.open();
        page.get(client.url("/?api=" + api.origin()));
        assertThat(result(page)).isEqualTo("refused");
        assertThat(served.get()).as("the preflight was refused, so no GET came").isZero();
    }
}
