package io.leadrouter.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The console in a real browser: Debian's headless Chromium driven by Selenium through the system chromedriver
 * (nothing is downloaded). Runs on {@link ConsoleProfile}'s own copy of the rules; every rule or roster change a test
 * makes is undone by a later step of the same flow, so other test classes see the shipped state.
 * <p>
 * With {@code -Dleadrouter.console.screenshots=true} it also writes the README's screenshots to docs/console/.
 */
@QuarkusTest
@TestProfile(ConsoleProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TABLE = "decision-tables/console-browser-check.xlsx";
    private static final boolean SCREENSHOTS = Boolean.getBoolean("leadrouter.console.screenshots");

    private static ChromeDriver browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() {
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
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void open(String path) {
        browser.get(root.toString().replaceAll("/$", "") + path);
    }

    private void signIn(String user, String password) {
        browser.manage().deleteAllCookies();
        open("/console/login");
        browser.findElement(By.id("j_username")).sendKeys(user);
        browser.findElement(By.id("j_password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String activeVersion() {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return fetch('/api/rules', {headers: {Authorization: 'Basic ' + btoa('ops:dev-ops')}})"
                        + ".then(r => r.json()).then(j => j.active.id);");
    }

    private void screenshot(String name) throws IOException {
        if (!SCREENSHOTS) {
            return;
        }
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("docs/console", name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private void upload(byte[] workbook) throws IOException {
        Path file = Files.createTempFile("console-browser-", ".xlsx");
        Files.write(file, workbook);
        open("/console/rules");
        new Select(browser.findElement(By.id("upload-directory"))).selectByValue("decision-tables");
        browser.findElement(By.id("upload-file")).sendKeys(file.toString());
        browser.findElement(By.id("upload-save-as")).sendKeys(TABLE);
        browser.findElement(By.id("upload")).click();
    }

    private void tryLead(String id, String name) {
        open("/console/try");
        browser.findElement(By.id("f-id")).sendKeys(id);
        if (name != null) {
            browser.findElement(By.id("f-firstName")).sendKeys(name);
        }
        new Select(browser.findElement(By.id("f-country"))).selectByValue("DE");
        browser.findElement(By.id("f-employees")).sendKeys("2500");
        browser.findElement(By.id("try")).click();
    }

    /** A one-rule territories table; {@code segment} goes into a Segment enum cell, so a typo fails to compile. */
    private static byte[] territoriesTable(String segment) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("Browser");
            String[][] rows = {
                    {"RuleSet", "io.leadrouter.rules"},
                    {"Import", "io.leadrouter.domain.Lead, io.leadrouter.domain.Segment"},
                    {"Variables", "io.leadrouter.domain.Routing routing"},
                    {},
                    {"RuleTable BrowserCheck"},
                    {"NAME", "PRIORITY", "CONDITION", "CONDITION", "ACTION"},
                    {"", "", "$lead : Lead", "", ""},
                    {"", "", "country == \"$param\"", "segment == Segment.$param", "routing.assignToTeam(\"$param\");"},
                    {"Rule", "Salience", "Country", "Segment", "Team"},
                    {"BROWSER-1 never matches", "1", "ZZ", segment, "Nowhere"},   // row 10
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = s.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (!rows[r][c].isEmpty()) row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            s.getRow(6).createCell(3);
            s.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(6, 6, 2, 3));
            wb.write(out);
            return out.toByteArray();
        }
    }

    @Test
    @Order(1)
    void opsSignsInAndSeesTheRulesWithoutTheUploadForm() {
        signIn("ops", "dev-ops");
        assertTrue(browser.getCurrentUrl().contains("/console"), browser.getCurrentUrl());
        open("/console/rules");
        assertTrue(browser.getPageSource().contains("Active version"));
        assertTrue(browser.findElements(By.id("upload-form")).isEmpty(), "ops must not get the upload form");
    }

    @Test
    @Order(2)
    void adminSignsInAndGetsTheUploadForm() throws IOException {
        signIn("admin", "dev-admin");
        open("/console/rules");
        assertFalse(browser.findElements(By.id("upload-form")).isEmpty(), "admin gets the upload form");
        screenshot("rules");
    }

    @Test
    @Order(3)
    void aBrokenTableShowsItsSheetAndRowWhileTheOldVersionKeepsServing() throws IOException {
        signIn("admin", "dev-admin");
        String before = activeVersion();
        upload(territoriesTable("ENTERPRIZE"));
        String failure = text("failure");
        assertTrue(failure.contains(before + " keeps serving"), failure);
        String errors = text("change-errors");
        assertTrue(errors.contains("Browser"), errors);
        assertTrue(errors.contains("10"), errors);
        assertTrue(errors.contains("ENTERPRIZE"), errors);
        assertEquals(before, activeVersion());
    }

    @Test
    @Order(4)
    void theFixedTableBecomesTheNewVersion() throws IOException {
        signIn("admin", "dev-admin");
        String before = activeVersion();
        upload(territoriesTable("ENTERPRISE"));
        String after = activeVersion();
        assertNotEquals(before, after);
        assertTrue(browser.getPageSource().contains(after + " is active"), browser.getPageSource());
        assertTrue(browser.getPageSource().contains(TABLE));
    }

    @Test
    @Order(5)
    void aTriedLeadShowsItsMatchedRulesAndAnExcludedRepWithTheReason() throws IOException {
        signIn("ops", "dev-ops");
        tryLead("browser-try-1", null);
        String matched = text("matched-rules");
        assertFalse(matched.contains("No rule matched"), matched);
        assertTrue(matched.contains("line") || matched.contains("row"), matched);
        WebElement jonas = browser.findElement(By.cssSelector("#candidates tr[data-rep='jonas.weber']"));
        assertTrue(jonas.getText().contains("excluded"), jonas.getText());
        assertTrue(jonas.getText().toLowerCase().contains("out of office") || jonas.getText().contains("OUT_OF_OFFICE"),
                jonas.getText());
        screenshot("try-a-lead");
    }

    @Test
    @Order(6)
    void aRepEditedToOutOfOfficeIsSkippedByTheNextTry() throws IOException {
        signIn("admin", "dev-admin");
        setAvailability("anna.schmidt", "OUT_OF_OFFICE");
        try {
            open("/console/roster");
            screenshot("roster");
            tryLead("browser-try-2", null);
            WebElement anna = browser.findElement(By.cssSelector("#candidates tr[data-rep='anna.schmidt']"));
            assertTrue(anna.getText().contains("excluded"), anna.getText());
            assertFalse(browser.findElements(By.id("assignee")).stream()
                    .anyMatch(a -> a.getText().contains("anna.schmidt")), "anna is out of office");
        } finally {
            setAvailability("anna.schmidt", "AVAILABLE");
        }
        open("/console/roster/anna.schmidt");
        assertEquals("AVAILABLE", new Select(browser.findElement(By.id("r-availability")))
                .getFirstSelectedOption().getText());
    }

    private void setAvailability(String rep, String availability) {
        open("/console/roster/" + rep);
        new Select(browser.findElement(By.id("r-availability"))).selectByVisibleText(availability);
        browser.findElement(By.id("save-rep")).click();
        assertTrue(browser.findElements(By.id("form-errors")).isEmpty(), browser.getPageSource());
    }

    @Test
    @Order(7)
    void rollingBackAsksForConfirmationAndReactivatesThePreviousVersion() throws IOException {
        signIn("admin", "dev-admin");
        String current = activeVersion();
        open("/console/rules");
        WebElement link = browser.findElements(By.cssSelector("a[href*='/console/rules/rollback?sequence=']")).get(0);
        String sequence = link.getAttribute("href").replaceAll(".*sequence=", "");
        link.click();
        assertTrue(browser.getPageSource().contains(TABLE), "the confirmation shows what would change");
        browser.findElement(By.id("confirm-rollback")).click();
        String after = activeVersion();
        assertNotEquals(current, after);
        assertTrue(browser.getPageSource().contains("rolled back to v" + sequence), browser.getPageSource());
        Object activeFiles = ((JavascriptExecutor) browser).executeScript(
                "return fetch('/api/rules', {headers: {Authorization: 'Basic ' + btoa('ops:dev-ops')}})"
                        + ".then(r => r.json()).then(j => JSON.stringify(j.active.files));");
        assertFalse(activeFiles.toString().contains(TABLE), "the rolled-back version serves without the table: " + activeFiles);
    }

    @Test
    @Order(8)
    void aScriptInALeadNameIsShownAsText() throws IOException {
        signIn("ops", "dev-ops");
        tryLead("browser-xss", "<script>alert(1)</script>");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        assertTrue(browser.getPageSource().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(browser.getPageSource().contains("<script>alert(1)</script>"));
    }

    @Test
    @Order(9)
    void aFormPostedWithoutTheCsrfTokenIsRefused() {
        signIn("admin", "dev-admin");
        open("/console/rules");
        String before = activeVersion();
        ((JavascriptExecutor) browser).executeScript(
                "const f = document.querySelector(\"form[action='/console/rules/delete']\");"
                        + "f.querySelector(\"input[name='_csrf']\").remove(); f.submit();");
        assertTrue(browser.getPageSource().contains("security token missing or wrong"), browser.getPageSource());
        assertEquals(before, activeVersion());
    }

    @Test
    @Order(10)
    void decisionsAndFairnessPagesRender() throws IOException {
        signIn("admin", "dev-admin");
        open("/console/decisions");
        screenshot("decisions");
        var links = browser.findElements(By.cssSelector("a[href^='/console/decisions/']"));
        if (!links.isEmpty()) {
            links.get(0).click();
            screenshot("decision-detail");
        }
        open("/console/fairness");
        assertTrue(browser.getTitle().length() > 0);
        screenshot("fairness");
    }
}
