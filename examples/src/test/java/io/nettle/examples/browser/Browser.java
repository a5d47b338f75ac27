package io.nettle.examples.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import io.nettle.App;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium for the browser tests, through the system's ChromeDriver: register it
 * as {@code @RegisterExtension static final Browser browser = new Browser();}, then in a test
 * {@link #serve(App)} serves an example's app on a loopback port, {@link #open()} gives a fresh
 * browser (its own profile: no cookies, no cached passwords) and {@link #open(String)} another one,
 * for a second user. The browsers and sites of a test are closed after it, once a screenshot of
 * each browser is saved, pass or fail, as
 * {@code target/browser-screenshots/<TestClass>-<test>[-<name>].png} (with the page's HTML beside
 * it when the test failed).
 * <p>
 * Chromium is the binary behind Debian's {@code /usr/bin/chromium} launcher,
 * {@code /usr/lib/chromium/chromium} (the launcher itself when that is missing: it only adds
 * flags for desktop use), and ChromeDriver {@code /usr/bin/chromedriver}; the system properties
 * {@code browser.chromium} and {@code browser.chromedriver} name others. Without them the test
 * class is skipped with a message naming the Debian packages to install, and fails instead under
 * {@code CI=true}, so that CI never passes without having run it. Selenium is given both files,
 * so Selenium Manager never runs (it would try to download a browser and a driver).
 */
public final class Browser implements BeforeAllCallback, AfterTestExecutionCallback, AfterEachCallback {
    /** Why a class is skipped (or, under {@code CI=true}, fails). */
    static final String MISSING = "Chromium not found: apt-get install chromium chromium-driver";
    /** Where screenshots go, relative to the module (Surefire's working directory). */
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    private static final List<String> CHROMIUM = List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> CHROMEDRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Held so that its level stays: without the optional selenium-devtools artifacts Selenium warns of each new browser. */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        // Never let Selenium Manager (or its statistics) reach out, should anything ask it.
        System.setProperty("SE_AVOID_STATS", "true");
        System.setProperty("SE_OFFLINE", "true");
        CDP_LOG.setLevel(Level.SEVERE);
    }

    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final List<Site> sites = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            binaries();
        } catch (Throwable missing) {
            // Surefire counts a skipped class without its reason: say it where it is read.
            System.err.println(context.getRequiredTestClass().getSimpleName() + ": " + missing.getMessage());
            throw missing;
        }
    }

    /** A fresh headless browser for this test. */
    public WebDriver open() {
        return open("");
    }

    /**
     * Another fresh browser for this test, e.g. a second user's; {@code name} is added to its
     * screenshot's file name.
     */
    public WebDriver open(String name) {
        if (sessions.containsKey(name)) {
            throw new IllegalStateException("a browser named '" + name + "' is already open in this test");
        }
        Session session = Session.start(binaries());
        sessions.put(name, session);
        return session.driver;
    }

    /** {@code app} served on a loopback port until the end of the test (after the screenshots). */
    public Site serve(App app) {
        Site site = Site.serve(app);
        sites.add(site);
        return site;
    }

    /**
     * The app {@code appOnPort} builds for its port, served there until the end of the test: for
     * apps that must know their own origin, e.g. {@code port -> ChatExample.app(settings,
     * "http://127.0.0.1:" + port)}.
     */
    public Site serve(IntFunction<App> appOnPort) {
        Site site = Site.serve(appOnPort);
        sites.add(site);
        return site;
    }

    /**
     * Waits up to 10 s for {@code condition} to hold (be true or non-null) in {@code driver}, trying
     * again while the element it looks for is missing or was replaced (the page still loading),
     * including Chromium's "Node with given id does not belong to the document" when a lookup
     * races the navigation that replaces the document.
     */
    public static <T> T await(WebDriver driver, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(50))
            .ignoring(StaleElementReferenceException.class)
            .until(d -> {
                try {
                    return condition.apply(d);
                } catch (WebDriverException e) {
                    if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                        return null;
                    }
                    throw e;
                }
            });
    }

    /** Waits up to 10 s for the text of the element {@code css} selects to be {@code expected}. */
    public static void awaitText(WebDriver driver, String css, String expected) {
        try {
            await(driver, d -> expected.equals(d.findElement(By.cssSelector(css)).getText()));
        } catch (TimeoutException e) {
            throw new AssertionError("expected " + css + " to read '" + expected + "' but it reads '"
                + driver.findElement(By.cssSelector(css)).getText() + "' at " + driver.getCurrentUrl(), e);
        }
    }

    /**
     * Marks the page in {@code driver}, before leaving it, for {@link #assertRestoredFromCache}: a
     * page restored from the back/forward cache keeps its JavaScript state, a page loaded again
     * does not.
     */
    public static void markPage(WebDriver driver) {
        eval(driver, "window.nettleBrowserTestMark = true");
    }

    /**
     * Fails unless the page in {@code driver} (after Back or Forward) is the one {@link #markPage}
     * marked, restored from the back/forward cache rather than loaded again; the message names
     * Chromium's reasons for not restoring it. Waits for the page to be shown first.
     */
    public static void assertRestoredFromCache(WebDriver driver) {
        await(driver, d -> "complete".equals(eval(d, "document.readyState")));
        if (!Boolean.TRUE.equals(eval(driver, "window.nettleBrowserTestMark === true"))) {
            throw new AssertionError("the page was loaded again, not restored from the back/forward cache; reasons: "
                + eval(driver, "JSON.stringify(performance.getEntriesByType('navigation')[0].notRestoredReasons)"));
        }
    }

    /** The value of {@code script} (a JavaScript expression) in {@code driver}'s page. */
    @SuppressWarnings("unchecked")
    public static <T> T eval(WebDriver driver, String script, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript("return " + script, args);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        String base = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        boolean failed = context.getExecutionException().isPresent();
        for (Map.Entry<String, Session> entry : sessions.entrySet()) {
            String name = entry.getKey().isEmpty() ? base : base + "-" + entry.getKey();
            WebDriver driver = entry.getValue().driver;
            try {
                Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
                if (failed) {
                    Files.writeString(SCREENSHOTS.resolve(name + ".html"),
                        "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource(), StandardCharsets.UTF_8);
                }
            } catch (RuntimeException e) {
                // A browser that died cannot be photographed; the test's own failure tells why.
                System.err.println("no screenshot for " + name + ": " + e);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<AutoCloseable> open = new ArrayList<>(sessions.values());
        open.addAll(sites);
        sessions.clear();
        sites.clear();
        RuntimeException failure = null;
        for (AutoCloseable each : open) {
            try {
                each.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the test's browsers and sites failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Chromium and ChromeDriver, else the class is skipped (fails under {@code CI=true}). */
    static Binaries binaries() {
        Optional<Path> chromium = find("browser.chromium", CHROMIUM);
        Optional<Path> driver = find("browser.chromedriver", CHROMEDRIVER);
        if (chromium.isEmpty() || driver.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(MISSING + " (CI=true: browser tests may not be skipped)");
            }
            Assumptions.abort(MISSING);
        }
        return new Binaries(chromium.get(), driver.get());
    }

    private static Optional<Path> find(String property, List<String> candidates) {
        String configured = System.getProperty(property, "");
        Stream<String> paths = configured.isEmpty() ? candidates.stream() : Stream.of(configured);
        return paths.map(Path::of).filter(Files::isExecutable).findFirst();
    }

    record Binaries(Path chromium, Path chromedriver) {
    }

    /** One Chromium with its own temporary profile, and the ChromeDriver that drives it. */
    private record Session(ChromeDriver driver, Path profile) implements AutoCloseable {

        static Session start(Binaries binaries) {
            Path profile;
            try {
                profile = Files.createTempDirectory("nettle-chromium-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(binaries.chromium().toFile());
            options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                // Nothing but the pages under test: no QUIC, no background fetches, no updates, no sync.
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--disable-features=PasswordLeakDetection,OptimizationHints,MediaRouter",
                "--window-size=1024,768", "--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", Map.of(
                "credentials_enable_service", false,
                "profile.password_manager_enabled", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(binaries.chromedriver().toFile())
                .usingAnyFreePort()
                .withLogOutput(driverLog())
                .build();
            try {
                return new Session(new ChromeDriver(service, options), profile);
            } catch (RuntimeException e) {
                service.stop();
                delete(profile);
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                delete(profile);
            }
        }

        /** ChromeDriver's own log, appended to {@code target/browser-screenshots/chromedriver.log}. */
        private static OutputStream driverLog() {
            try {
                Files.createDirectories(SCREENSHOTS);
                return Files.newOutputStream(SCREENSHOTS.resolve("chromedriver.log"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                return OutputStream.nullOutputStream();
            }
        }

        private static void delete(Path dir) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is no failure
            }
        }
    }
}
