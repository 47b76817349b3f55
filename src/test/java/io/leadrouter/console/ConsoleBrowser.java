package io.leadrouter.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser the console's browser tests drive: Debian's headless Chromium through the system chromedriver (nothing
 * is downloaded), in a 1280×800 window. One per test class; started in {@code @BeforeAll}, quit in {@code @AfterAll}.
 * With {@code -Dleadrouter.console.screenshots=true} {@link #screenshot} writes the README's screenshots to
 * docs/console/.
 */
final class ConsoleBrowser {

    static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final boolean SCREENSHOTS = Boolean.getBoolean("leadrouter.console.screenshots");

    final ChromeDriver driver;

    private ConsoleBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    static ConsoleBrowser start() {
        // A missing browser is a failure, not a skip: CI installs chromium and chromium-driver (.ci/run).
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: apt-get install chromium");
        assertTrue(Files.isExecutable(CHROMEDRIVER), CHROMEDRIVER + " is missing: apt-get install chromium-driver");
        // Selenium Manager would try to download a driver; the system one is named explicitly instead.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 800));
        return new ConsoleBrowser(driver);
    }

    void quit() {
        driver.quit();
    }

    void open(URL root, String path) {
        driver.get(root.toString().replaceAll("/$", "") + path);
    }

    void signIn(URL root, String user, String password) {
        driver.manage().deleteAllCookies();
        open(root, "/console/login");
        driver.findElement(By.id("j_username")).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        // The click returns before the sign-in's answer: the next page opened too early lands on the login form again.
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30)).until(d -> {
            String url = d.getCurrentUrl();
            return !url.contains("/console/login") && !url.contains("j_security_check")
                    || !d.findElements(By.cssSelector(".login .error, #login-error")).isEmpty();
        });
    }

    Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    /** The id of the serving rule version, asked of the API. */
    String activeVersion() {
        return (String) script("return fetch('/api/rules', {headers: {Authorization: 'Basic ' + btoa('ops:dev-ops')}})"
                + ".then(r => r.json()).then(j => j.active.id);");
    }

    void screenshot(String name) throws IOException {
        if (!SCREENSHOTS) {
            return;
        }
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("docs/console", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
