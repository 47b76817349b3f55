package io.leadrouter.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.poi.ss.usermodel.Cell;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
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

    private static final String TABLE = "decision-tables/console-browser-check.xlsx";

    private static ConsoleBrowser console;
    private static ChromeDriver browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() {
        console = ConsoleBrowser.start();
        browser = console.driver;
    }

    @AfterAll
    static void quitBrowser() {
        if (console != null) {
            console.quit();
        }
    }

    private void open(String path) {
        console.open(root, path);
    }

    private void signIn(String user, String password) {
        console.signIn(root, user, password);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String activeVersion() {
        return console.activeVersion();
    }

    private void screenshot(String name) throws IOException {
        console.screenshot(name);
    }

    private void upload(byte[] workbook) throws IOException {
        Path file = Files.createTempFile("console-browser-", ".xlsx");
        Files.write(file, workbook);
        open("/console/rules");
        new Select(browser.findElement(By.id("upload-directory"))).selectByValue("decision-tables");
        browser.findElement(By.id("upload-file")).sendKeys(file.toString());
        browser.findElement(By.id("upload-save-as")).sendKeys(TABLE);
        // The upload compiles the table before the answer page comes.
        submit("upload", "done", "failure");
    }

    private void tryLead(String id, String name) {
        open("/console/try");
        browser.findElement(By.id("f-id")).sendKeys(id);
        if (name != null) {
            browser.findElement(By.id("f-firstName")).sendKeys(name);
        }
        new Select(browser.findElement(By.id("f-country"))).selectByValue("DE");
        browser.findElement(By.id("f-employees")).sendKeys("2500");
        submit("try", "result", "form-errors");
    }

    /** Clicks the button and waits for the answer page: one of {@code answerIds} is on it (CI read the old page). */
    private void submit(String buttonId, String... answerIds) {
        browser.findElement(By.id(buttonId)).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.or(java.util.Arrays.stream(answerIds)
                .map(id -> ExpectedConditions.presenceOfElementLocated(By.id(id)))
                .toArray(org.openqa.selenium.support.ui.ExpectedCondition[]::new)));
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
        submit("save-rep", "done", "form-errors");
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
        // The rollback compiles before it answers: wait for the answer page, not the click (CI read the old version).
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.getPageSource().contains("rolled back to v" + sequence)
                || !d.findElements(By.id("form-errors")).isEmpty());
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

    /** The shipped territories table with one cell (0-based column) of the row of {@code ruleId} set, as Excel would. */
    private static byte[] shippedTerritoriesWithCell(String ruleId, int column, String value) throws IOException {
        try (InputStream in = Files.newInputStream(ConsoleProfile.ROOT.resolve("decision-tables/territories.xlsx"));
             XSSFWorkbook wb = new XSSFWorkbook(in); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Row row : wb.getSheetAt(0)) {
                Cell first = row.getCell(0);
                if (first != null && first.toString().startsWith(ruleId)) {
                    row.getCell(column, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK).setCellValue(value);
                    wb.write(out);
                    return out.toByteArray();
                }
            }
            throw new IllegalArgumentException("no row " + ruleId);
        }
    }

    private static void route(String id, String country) {
        given().auth().preemptive().basic("admin", "dev-admin").contentType(ContentType.JSON)
                .body(Map.of("id", id, "country", country, "employees", 50, "firstName", "Backtest"))
                .post("/api/route").then().statusCode(200);
    }

    /** Sends a candidate named territories.xlsx through the test-this-change form, with the default window. */
    private void testChange(byte[] candidate) throws IOException {
        Path file = Files.createTempDirectory("console-backtest-").resolve("territories.xlsx");
        Files.write(file, candidate);
        open("/console/rules");
        browser.findElement(By.id("backtest-link")).click();
        browser.findElement(By.id("b-file")).sendKeys(file.toString());
        browser.findElement(By.id("run-backtest")).click();
        // The backtest compiles the candidate and replays the log: wait for its answer, a summary or a failure.
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.id("summary")),
                ExpectedConditions.presenceOfElementLocated(By.id("failure"))));
    }

    @Test
    @Order(10)
    void testingACandidateThatMovesFranceShowsTheShiftAndAChangedLeadWhileNothingChanges() throws IOException {
        route("console-bt-fr-1", "FR");
        route("console-bt-fr-2", "FR");
        route("console-bt-de-1", "DE");
        signIn("ops", "dev-ops");
        String before = activeVersion();
        testChange(shippedTerritoriesWithCell("TERR-040", 6, "Southern Europe"));
        assertTrue(browser.findElements(By.id("failure")).isEmpty(), browser.getPageSource());
        assertTrue(text("summary").contains("decision-tables/territories.xlsx"), text("summary"));
        WebElement france = browser.findElement(By.xpath(
                "//table[@id='backtest-targets']//tr[td[1][normalize-space()='team France & Benelux']]"));
        var cells = france.findElements(By.tagName("td"));
        assertTrue(Long.parseLong(cells.get(1).getText()) >= 2, france.getText());
        assertEquals("0", cells.get(3).getText(), france.getText());
        assertEquals("0.0 %", cells.get(4).getText(), france.getText());
        WebElement south = browser.findElement(By.xpath(
                "//table[@id='backtest-targets']//tr[td[1][normalize-space()='team Southern Europe']]"));
        assertTrue(Long.parseLong(south.findElements(By.tagName("td")).get(3).getText()) >= 2, south.getText());
        WebElement lead = browser.findElement(By.cssSelector("#backtest-changed tr[data-lead='console-bt-fr-1']"));
        var leadCells = lead.findElements(By.tagName("td"));
        assertEquals("team France & Benelux", leadCells.get(1).getText());
        assertEquals("team Southern Europe", leadCells.get(2).getText());
        assertTrue(leadCells.get(3).getText().contains("TERR-040"), lead.getText());
        assertTrue(leadCells.get(3).getText().contains("decides both; its target changed"), lead.getText());
        assertTrue(browser.findElements(By.cssSelector("#backtest-changed tr[data-lead='console-bt-de-1']")).isEmpty(),
                "a German lead keeps its team");
        assertTrue(text("backtest-rules").contains("dead: fires in neither"), text("backtest-rules"));
        browser.executeScript("document.getElementById('summary').scrollIntoView();");
        screenshot("test-a-change");
        assertEquals(before, activeVersion(), "a backtest activates nothing");
    }

    @Test
    @Order(11)
    void testingABrokenCandidateShowsItsSheetAndRowAndChangesNothing() throws IOException {
        signIn("ops", "dev-ops");
        String before = activeVersion();
        byte[] broken = shippedTerritoriesWithCell("TERR-040", 5, "ENTERPRIZE");
        testChange(broken);
        assertTrue(text("failure").contains(before + " keeps serving"), text("failure"));
        String errors = text("candidate-errors");
        assertTrue(errors.contains("decision-tables/territories.xlsx"), errors);
        assertFalse(errors.contains(ConsoleProfile.ROOT.toString()), "named by its API path: " + errors);
        assertTrue(errors.contains("sheet Territories"), errors);
        assertTrue(errors.contains("row " + rowOf("TERR-040")), errors);
        assertTrue(errors.contains("ENTERPRIZE"), errors);
        assertTrue(browser.findElements(By.id("summary")).isEmpty(), "no before → after for a candidate that does not compile");
        assertEquals(before, activeVersion());
    }

    /** 1-based row of the shipped territories table whose rule starts with {@code ruleId}. */
    private static int rowOf(String ruleId) throws IOException {
        try (InputStream in = Files.newInputStream(ConsoleProfile.ROOT.resolve("decision-tables/territories.xlsx"));
             XSSFWorkbook wb = new XSSFWorkbook(in)) {
            for (Row row : wb.getSheetAt(0)) {
                Cell first = row.getCell(0);
                if (first != null && first.toString().startsWith(ruleId)) {
                    return row.getRowNum() + 1;
                }
            }
        }
        throw new IllegalArgumentException("no row " + ruleId);
    }

    @Test
    @Order(12)
    void decisionsAndFairnessPagesRender() throws IOException {
        signIn("admin", "dev-admin");
        open("/console/decisions");
        screenshot("decisions");
        // The leads routed by the backtest step are in the log.
        var links = browser.findElements(By.cssSelector("a[href^='/console/decisions/']"));
        assertFalse(links.isEmpty(), browser.getPageSource());
        links.get(0).click();
        assertFalse(text("matched-rules").contains("No rule matched"), text("matched-rules"));
        assertTrue(text("lead-as-received").contains("country"), text("lead-as-received"));
        screenshot("decision-detail");
        open("/console/fairness");
        assertTrue(browser.getTitle().length() > 0);
        screenshot("fairness");
    }
}
