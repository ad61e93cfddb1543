package org.mhpathway.webapp;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both paths are given to Selenium, so Selenium
 * Manager is never asked to find (or download) a browser or a driver. Each browser gets a fresh profile directory,
 * removed when it quits.
 *
 * <p>In CI ({@code CI=true}) the browser is required, as {@code .ci/run} installs it; elsewhere the browser tests
 * are skipped with a message saying how to enable them.
 */
final class Chromium implements AutoCloseable {

    static final String BROWSER = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** True when Chromium and its driver are installed, or when CI requires them (so the tests fail loudly). */
    static boolean installedOrRequired() {
        if ("true".equals(System.getenv("CI"))) {
            return true;
        }
        boolean installed = new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
        if (!installed) {
            System.out.println("Browser tests skipped: " + BROWSER + " or " + DRIVER + " is missing. Install them "
                    + "with 'apt-get install chromium chromium-driver' to run them.");
        }
        return installed;
    }

    static Chromium start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("mh-pathway-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--user-data-dir=" + profile, "--window-size=1400,900", "--lang=en-GB");
        // the browser's console, for the record of a failed test
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Chromium(driver, profile);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
