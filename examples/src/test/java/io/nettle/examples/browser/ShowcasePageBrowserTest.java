package io.nettle.examples.browser;

import static io.nettle.examples.browser.Browser.await;
import static io.nettle.examples.browser.Browser.awaitText;
import static io.nettle.examples.browser.Browser.eval;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.examples.ShowcaseExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The showcase's index in Chromium, with its stylesheet and script served from the class path by {@code StaticFiles}. */
class ShowcasePageBrowserTest {
    @RegisterExtension
    static final Browser browser = new Browser();

    private final Site site = browser.serve(ShowcaseExample.app(ServerSettings.defaults()));

    @Test
    void theIndexLoadsItsStylesheetAndScript() {
        WebDriver page = browser.open();
        page.get(site.url("/"));
        long examples = eval(page, "document.querySelectorAll('.example').length");
        assertThat(examples).isGreaterThanOrEqualTo(12);
        awaitText(page, "#count", examples + " examples");   // showcase.js ran
        assertThat(Browser.<String>eval(page, "getComputedStyle(document.querySelector('code')).backgroundColor"))
            .as("showcase.css applied").isEqualTo("rgb(244, 244, 244)");
        assertThat(Browser.<String>eval(page, "getComputedStyle(document.body).maxWidth")).isEqualTo("960px");

        page.findElement(By.id("filter")).sendKeys("server-sent");
        awaitText(page, "#count", "1 of " + examples + " examples");
        await(page, d -> d.findElement(By.cssSelector(".example:not([hidden]) a")).getText().equals("/events/"));
    }
}
