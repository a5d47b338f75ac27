package io.nettle.examples.browser;

import static io.nettle.examples.browser.Browser.await;
import static io.nettle.examples.browser.Browser.awaitText;
import static io.nettle.examples.browser.Browser.eval;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.examples.ChatExample;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The chat page in Chromium: two users in two browsers, each signed in with HTTP Basic (the
 * credentials in the URL answer the page's challenge, and Chromium sends them again with the
 * WebSocket handshake).
 */
class ChatPageBrowserTest {
    @RegisterExtension
    static final Browser browser = new Browser();

    private final Site site = browser.serve(port -> ChatExample.app(ServerSettings.defaults(), "http://127.0.0.1:" + port));

    /** A browser signed in as {@code user}, on the chat page, in the lobby. */
    private WebDriver chat(String user) {
        WebDriver page = browser.open(user);
        page.get(site.url(user, "secret", "/"));
        awaitText(page, "#status", "in lobby");
        return page;
    }

    /** The log's entries as text: {@code "tom joined"} for an event, {@code "tom: hello"} for a message. */
    private static List<String> log(WebDriver page) {
        return eval(page, "Array.from(document.querySelectorAll('#log > div'), line => line.querySelector('.user').textContent"
            + " + (line.className === 'event' ? ' ' : ': ') + line.querySelector('.text').textContent)");
    }

    /** Waits for {@code page}'s log to have {@code line} {@code times} times. */
    private static void awaitLine(WebDriver page, String line, int times) {
        try {
            await(page, d -> log(d).stream().filter(line::equals).count() == times);
        } catch (RuntimeException e) {
            throw new AssertionError("expected '" + line + "' " + times + " time(s) in the log " + log(page), e);
        }
    }

    private static void say(WebDriver page, String text) {
        page.findElement(By.id("message")).sendKeys(text, Keys.ENTER);
    }

    @Test
    void twoUsersChatOverTheWebSocket() {
        WebDriver tom = chat("tom");
        awaitLine(tom, "tom joined", 1);
        WebDriver admin = chat("admin");
        awaitLine(admin, "admin joined", 1);
        awaitLine(tom, "admin joined", 1);

        say(admin, "hello tom");
        awaitLine(tom, "admin: hello tom", 1);
        say(tom, "hi admin");
        awaitLine(admin, "tom: hi admin", 1);
        assertThat(log(tom)).containsExactly("tom joined", "admin joined", "admin: hello tom", "tom: hi admin");
        assertThat(tom.findElement(By.id("message")).getDomProperty("value")).as("sent, then cleared").isEmpty();
    }

    @Test
    void aMessageWithANewlineIsOneMessageFromItsSender() {
        WebDriver tom = chat("tom");
        WebDriver admin = chat("admin");
        awaitLine(admin, "admin joined", 1);
        awaitLine(tom, "admin joined", 1);
        String forged = "see you\nadmin: tom is the new admin, send him your password";
        eval(tom, "ws.send(arguments[0])", forged);   // the input field cannot hold a newline: sent as a script would
        awaitLine(admin, "tom: " + forged, 1);
        assertThat(log(admin)).containsExactly("admin joined", "tom: " + forged);
        List<String> users = eval(admin, "Array.from(document.querySelectorAll('#log > div.message .user'), u => u.textContent)");
        assertThat(users).containsExactly("tom");
        Boolean textBesideTheSender = eval(admin, "(() => { const line = document.querySelector('#log > div.message');"
            + " const text = line.querySelector('.text').getBoundingClientRect();"
            + " const user = line.querySelector('.user').getBoundingClientRect();"
            + " return text.left >= user.right && text.height > 1.5 * user.height; })()");
        assertThat(textBesideTheSender).as("both lines of the text in the text's column, beside the one sender").isTrue();
    }

    @Test
    void aWebSocketFromAnOriginNotAllowedShowsItsCloseCode() {
        Site elsewhere = browser.serve(ChatExample.app(ServerSettings.defaults(), "https://chat.example"));
        WebDriver tom = browser.open();
        tom.get(elsewhere.url("tom", "secret", "/"));
        awaitText(tom, "#status", "closed (1008, Origin not allowed)");
        say(tom, "anyone?");
        assertThat(log(tom)).isEmpty();
    }

    @Test
    void afterBackAndForwardThePageJoinsAgainAndTheOthersSawItLeave() {
        WebDriver tom = chat("tom");
        WebDriver admin = chat("admin");
        awaitLine(admin, "admin joined", 1);

        Browser.markPage(tom);
        tom.get(site.url("/elsewhere"));
        awaitLine(admin, "tom left", 1);
        tom.navigate().back();
        Browser.assertRestoredFromCache(tom);
        awaitText(tom, "#status", "in lobby");
        awaitLine(admin, "tom joined", 1);
        say(tom, "back");
        awaitLine(admin, "tom: back", 1);
        awaitLine(tom, "tom: back", 1);

        tom.navigate().forward();
        awaitLine(admin, "tom left", 2);
        tom.navigate().back();
        Browser.assertRestoredFromCache(tom);
        awaitText(tom, "#status", "in lobby");
        say(tom, "back again");
        awaitLine(admin, "tom: back again", 1);
        say(admin, "welcome back");
        awaitLine(tom, "admin: welcome back", 1);
    }

    @Test
    void theRoomFieldIsValidatedByItsPattern() {
        WebDriver tom = chat("tom");
        WebElement room = tom.findElement(By.id("room"));
        for (String valid : List.of("lobby", "kitchen_2-b", "-_-")) {
            room.clear();
            room.sendKeys(valid);
            assertThat((Boolean) eval(tom, "arguments[0].validity.patternMismatch", room)).as(valid).isFalse();
        }
        for (String invalid : List.of("no room", "caf\u00e9", "a/b", "x!")) {
            room.clear();
            room.sendKeys(invalid);
            assertThat((Boolean) eval(tom, "arguments[0].validity.patternMismatch", room)).as(invalid).isTrue();
        }
        tom.findElement(By.cssSelector("#join button")).click();
        assertThat(tom.findElement(By.id("status")).getText()).as("the form was not submitted").isEqualTo("in lobby");

        room.clear();
        room.sendKeys("kitchen_2-b", Keys.ENTER);
        awaitText(tom, "#status", "in kitchen_2-b");
        awaitLine(tom, "tom joined", 1);
    }
}
