package io.nettle.examples.browser;

import static io.nettle.examples.browser.Browser.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.App;
import io.nettle.ServerSettings;
import io.nettle.examples.SessionExample;
import io.nettle.http.Response;
import io.nettle.routing.Endpoint;
import io.nettle.routing.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Login CSRF in Chromium: a page on another origin that submits the session example's login form
 * with the demo credentials is refused, and the browser gets no session.
 */
class CsrfBrowserTest {
    @RegisterExtension
    static final Browser browser = new Browser();

    private final Site site = browser.serve(SessionExample.app(ServerSettings.defaults()));

    @Test
    void aLoginFormPostedFromAnotherOriginIsRefused() {
        String attack = """
            <!doctype html><title>win a prize</title>
            <form id="f" method="post" action="%s"><input name="username" value="tom"><input name="password" value="secret"></form>
            <script>document.getElementById("f").submit();</script>""".formatted(site.url("/login"));
        Site evil = browser.serve(App.builder().route(Route.get("/", Endpoint.sync(request -> Response.html(attack)))).build());
        WebDriver page = browser.open();
        page.get(evil.url("/"));
        String text = await(page, driver -> driver.getCurrentUrl().startsWith(site.url("/login"))
            ? driver.findElement(By.tagName("body")).getText() : null);
        assertThat(text).contains("Cross-site request refused");
        page.get(site.url("/account"));
        assertThat(page.getCurrentUrl()).as("no session: the account asks for a login").startsWith(site.url("/login"));
    }
}
