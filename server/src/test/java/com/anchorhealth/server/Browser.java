package com.anchorhealth.server;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The system's headless Chromium (Debian's chromium and chromium-driver), driven by Selenium with
 * both paths given, so that nothing is looked up or downloaded. Without them the tests are skipped
 * locally and fail under CI=true. Screenshots go to target/screenshots.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int WIDTH = 1280;
    /** A phone's viewport in CSS pixels (an iPhone 14's). */
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;
    /** The tallest screenshot taken. */
    private static final int MAX_HEIGHT = 4000;

    private final WebDriver driver;
    private final Path profile;
    private final String base;

    private Browser(WebDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    static Browser open(String base) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "Chromium and chromedriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(missing + ", required under CI=true");
            }
            Assumptions.abort(missing + "; skipped");
        }
        Path profile = Files.createTempDirectory("anchor-health-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + ",900", "--lang=en-US",
                "--accept-lang=en-US,en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile, base);
    }

    void go(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * Does what leads to another page, and waits until the browser has left this one. Chrome reports a
     * page it is leaving either as stale or, mid-navigation, as a node that "does not belong to the
     * document": both mean it has left.
     */
    void navigating(Runnable action) {
        WebElement page = find("html");
        action.run();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(browser -> {
            try {
                page.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    /** Clicks a link or a submit button and waits for the page it leads to. */
    void follow(String css) {
        navigating(() -> click(css));
    }

    /** Waits for an element the next page shows (after a click that navigates). */
    WebElement waitFor(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(page -> page.findElement(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    void click(String css) {
        find(css).click();
    }

    String pageText() {
        return find("body").getText();
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Signs in and waits for the page it leads to (a clicked submit returns before the redirect lands). */
    void signIn(String token) {
        go("/sign-in");
        type("#token", token);
        follow("#sign-in");
    }

    void signOut() {
        go("/notices");
        List<WebElement> signOut = all("form[action='/sign-out'] button");
        if (!signOut.isEmpty()) {
            navigating(() -> signOut.get(0).click());
        }
    }

    /** What a link downloads for the signed-in visitor (the browser's session cookie sent along), as text. */
    String download(String path) {
        Cookie session = driver.manage().getCookieNamed("ah_session");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Cookie", "ah_session=" + session.getValue()).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new AssertionError(path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The whole page as a PNG under target/screenshots. */
    Path screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(pageHeight() + 40, MAX_HEIGHT)));
        try {
            return save(name);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /**
     * Runs {@code visit} as a phone shows the pages: a mobile viewport of {@link #PHONE_WIDTH} ×
     * {@link #PHONE_HEIGHT} CSS pixels (the pages' viewport meta applies), then the desktop window again.
     */
    void asPhone(Runnable visit) {
        phoneViewport(PHONE_HEIGHT);
        try {
            visit.run();
        } finally {
            ((ChromeDriver) driver).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** The whole page as the phone of {@link #asPhone} shows it, as a PNG under target/screenshots. */
    Path phoneScreenshot(String name) {
        phoneViewport(Math.min(pageHeight(), MAX_HEIGHT));
        try {
            return save(name);
        } finally {
            phoneViewport(PHONE_HEIGHT);
        }
    }

    /** How many CSS pixels the page reaches beyond the viewport's width: 0 when only boxes of its own scroll sideways. */
    long overflowingWidth() {
        return (Long) script("return document.documentElement.scrollWidth - window.innerWidth;");
    }

    private void phoneViewport(long height) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", PHONE_WIDTH,
                "height", height, "deviceScaleFactor", 2, "mobile", true));
    }

    private long pageHeight() {
        return (Long) script("return Math.max(document.documentElement.scrollHeight, 600);");
    }

    private Path save(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
