package io.nettle.examples.browser;

import static io.nettle.examples.browser.Browser.await;
import static io.nettle.examples.browser.Browser.awaitText;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.examples.SessionExample;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The session example's login form in Chromium: a wrong password, the right one, back to {@code next}, logout. */
class SessionPageBrowserTest {
    @RegisterExtension
    static final Browser browser = new Browser();

    private final Site site = browser.serve(SessionExample.app(ServerSettings.defaults()));

    private static void signIn(WebDriver page, String username, String password) {
        WebElement field = page.findElement(By.name("username"));
        field.clear();
        field.sendKeys(username);
        page.findElement(By.name("password")).sendKeys(password);
        page.findElement(By.cssSelector("form button")).click();
    }

    private static String usernameField(WebDriver page) {
        return page.findElement(By.name("username")).getDomProperty("value");
    }

    @Test
    void aWrongPasswordShowsTheErrorAndKeepsTheUsernameTyped() {
        WebDriver page = browser.open();
        page.get(site.url("/login"));
        assertThat(usernameField(page)).as("the demo user, at first").isEqualTo("tom");

        signIn(page, "admin", "wrong");
        awaitText(page, ".error", "Wrong username or password.");
        assertThat(usernameField(page)).isEqualTo("admin");
        assertThat(page.findElement(By.name("password")).getDomProperty("value")).isEmpty();

        signIn(page, "<b>\"ann\" & 'bob'</b>", "wrong");
        awaitText(page, ".error", "Wrong username or password.");
        assertThat(usernameField(page)).as("typed markup comes back as text").isEqualTo("<b>\"ann\" & 'bob'</b>");
        assertThat(page.findElements(By.tagName("b"))).isEmpty();
        assertThat(page.manage().getCookieNamed("session")).isNull();
    }

    @Test
    void theRightPasswordReturnsToNextThenLogoutSignsOut() {
        WebDriver page = browser.open();
        String account = site.url("/account?tab=2");
        page.get(account);
        assertThat(page.getCurrentUrl()).as("sent to the form, with next")
            .isEqualTo(site.url("/login?next=" + URLEncoder.encode(account, StandardCharsets.UTF_8)));

        signIn(page, "admin", "wrong");
        awaitText(page, ".error", "Wrong username or password.");
        signIn(page, "admin", "secret");
        awaitText(page, "h1", "Account");
        assertThat(page.getCurrentUrl()).isEqualTo(account);
        assertThat(page.findElement(By.tagName("p")).getText()).isEqualTo("You are admin, with the scopes authenticated, admin.");
        assertThat(page.manage().getCookieNamed("session")).isNotNull();

        page.findElement(By.cssSelector("form[action=logout] button")).click();
        awaitText(page, "h1", "Sign in");
        assertThat(page.getCurrentUrl()).isEqualTo(site.url("/login"));
        assertThat(page.manage().getCookieNamed("session")).isNull();
        page.get(site.url("/account"));
        await(page, d -> d.getCurrentUrl().startsWith(site.url("/login?next=")));
    }
}
