package org.kyoo.transcoder.players;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both binaries are named
 * explicitly, so Selenium Manager never tries to download a browser or a driver (there may be no
 * network). A missing package fails loudly: the real-player suite must never skip in silence.
 */
public final class Chromium implements AutoCloseable {
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** The browser itself; /usr/bin/chromium is Debian's wrapper script around it. */
    private static final Path[] BROWSERS = {Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium")};

    private final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Chromium start() {
        Path browser = null;
        for (Path candidate : BROWSERS) if (Files.isExecutable(candidate)) browser = candidate;
        if (browser == null || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("The real-player tests need Debian's Chromium and its driver ("
                    + BROWSERS[1] + ", " + DRIVER + "): apt-get install chromium chromium-driver (.ci/run does it)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(
                "--headless=new",
                // containers and CI run as root, where the sandbox cannot start
                "--no-sandbox",
                "--disable-gpu",
                // /dev/shm is tiny in containers; Chromium then crashes under video
                "--disable-dev-shm-usage",
                // the page starts playback from script, with no user gesture
                "--autoplay-policy=no-user-gesture-required",
                "--mute-audio",
                "--window-size=800,600");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Chromium(driver);
    }

    /** A page of {@code site}'s hls.js, ready to play. */
    public WebPlayer open(PlayerSite site) {
        return open(site, WebPlayer.Kind.HLS_JS);
    }

    /** A page of {@code site}'s player of {@code kind}, ready to play. */
    public WebPlayer open(PlayerSite site, WebPlayer.Kind kind) {
        driver.get(site.origin() + PlayerSite.PAGES + kind.page());
        return new WebPlayer(driver, kind);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
