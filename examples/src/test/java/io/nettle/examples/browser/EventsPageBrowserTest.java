package io.nettle.examples.browser;

import static io.nettle.examples.browser.Browser.await;
import static io.nettle.examples.browser.Browser.awaitText;
import static io.nettle.examples.browser.Browser.eval;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.examples.EventsExample;
import io.nettle.examples.ShowcaseExample;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;

/**
 * The events page in Chromium: signed in with HTTP Basic (the credentials in the URL answer the
 * page's challenge), its {@code EventSource} gets the guarded stream with the same credentials
 * and shows a tick a second.
 */
class EventsPageBrowserTest {
    @RegisterExtension
    static final Browser browser = new Browser();

    private final Site site = browser.serve(EventsExample.app(ServerSettings.defaults()));

    private static List<Long> ids(WebDriver page) {
        return eval(page, "Array.from(document.querySelectorAll('#ticks li'), line => Number(line.dataset.id))");
    }

    @Test
    void theSignedInPageShowsTicksWithIncreasingIds() {
        WebDriver page = browser.open();
        page.get(site.url("tom", "secret", "/"));
        awaitTicks(page);
    }

    @Test
    void inTheShowcaseThePageFindsItsStreamUnderItsPrefix() {
        Site showcase = browser.serve(ShowcaseExample.app(ServerSettings.defaults()));
        WebDriver page = browser.open();
        page.get(showcase.url("admin", "secret", "/events/"));
        awaitTicks(page);
    }

    /** Waits for two ticks or more on {@code page}, then checks their ids count up from 1. */
    private static void awaitTicks(WebDriver page) {
        awaitText(page, "#status", "connected");
        await(page, d -> ids(d).size() >= 2);
        List<Long> ids = ids(page);
        assertThat(ids.get(0)).isEqualTo(1L);
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("ids %s", ids).isEqualTo(ids.get(i - 1) + 1);
        }
        assertThat(Browser.<String>eval(page, "document.querySelector('#ticks li').textContent")).startsWith("tick at 20");
    }
}
