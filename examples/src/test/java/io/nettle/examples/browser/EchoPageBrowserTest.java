package io.nettle.examples.browser;

import static io.nettle.examples.browser.Browser.await;
import static io.nettle.examples.browser.Browser.awaitText;
import static io.nettle.examples.browser.Browser.eval;

import io.nettle.ServerSettings;
import io.nettle.examples.EchoExample;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;

/** The echo page in Chromium. */
class EchoPageBrowserTest {
    @RegisterExtension
    static final Browser browser = new Browser();

    private final Site site = browser.serve(EchoExample.app(ServerSettings.defaults()));

    private static void sendAndAwaitEcho(WebDriver page, String text) {
        page.findElement(By.id("message")).sendKeys(text, Keys.ENTER);
        await(page, d -> Browser.<List<String>>eval(d, "Array.from(document.querySelectorAll('#log .received'), line => line.textContent)")
            .contains("< " + text));
    }

    @Test
    void echoesThenAfterBackAndForwardConnectsAgainAndEchoes() {
        WebDriver page = browser.open();
        page.get(site.url("/"));
        awaitText(page, "#status", "connected");
        sendAndAwaitEcho(page, "one");

        Browser.markPage(page);
        page.get(site.url("/elsewhere"));
        page.navigate().back();
        Browser.assertRestoredFromCache(page);
        awaitText(page, "#status", "connected");
        sendAndAwaitEcho(page, "two");

        page.navigate().forward();
        page.navigate().back();
        Browser.assertRestoredFromCache(page);
        awaitText(page, "#status", "connected");
        sendAndAwaitEcho(page, "three");
        await(page, d -> eval(d, "document.querySelectorAll('#log .sent').length").equals(3L));
    }
}
