package io.nettle.examples.browser;

import static io.nettle.examples.browser.Browser.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.nettle.ServerSettings;
import io.nettle.examples.UploadExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The upload example's form in Chromium: a file chosen, sent as multipart/form-data, its size and SHA-256 shown. */
class UploadPageBrowserTest {
    @RegisterExtension
    static final Browser browser = new Browser();

    private final Site site = browser.serve(UploadExample.app(ServerSettings.defaults()));
    @TempDir
    Path dir;

    @Test
    void theFormUploadsAFileAndShowsWhatTheServerReceived() throws Exception {
        byte[] content = new byte[300 * 1024];
        new Random(9).nextBytes(content);
        Path file = Files.write(dir.resolve("photo.bin"), content);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

        WebDriver page = browser.open();
        page.get(site.url("tom", "secret", "/"));
        page.findElement(By.id("title")).sendKeys("Holiday");
        page.findElement(By.id("file")).sendKeys(file.toString());
        page.findElement(By.id("send")).click();
        String result = await(page, driver -> {
            String text = driver.findElement(By.id("result")).getText();
            return text.startsWith("200") ? text : null;
        });
        assertThat(result).contains("\"filename\":\"photo.bin\"").contains("\"size\":" + content.length)
            .contains("\"sha256\":\"" + sha256 + "\"").contains("\"title\":[\"Holiday\"]");
    }
}
