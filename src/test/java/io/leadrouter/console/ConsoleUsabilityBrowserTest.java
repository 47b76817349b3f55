package io.leadrouter.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What a user expects of every console page in a 1280×800 window, checked in a real browser: no horizontal
 * scrolling, every visible field labelled and every described-by reference resolving, a visible focus on each tab
 * stop, sign-in and a dry run done by keyboard alone, and a refused value explained in words at its own field.
 * Changes nothing: the rep form's bad value is refused, the backtest activates nothing.
 */
@QuarkusTest
@TestProfile(ConsoleProfile.class)
class ConsoleUsabilityBrowserTest {

    private static ConsoleBrowser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() {
        browser = ConsoleBrowser.start();
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Per visible input, select and textarea: its HTML when it has a label[for], a wrapping label, aria-label or aria-labelledby, else ''. */
    private static final String UNLABELLED_FIELDS = """
            const missing = [];
            document.querySelectorAll('input, select, textarea').forEach(el => {
              if (el.type === 'hidden' || el.getClientRects().length === 0) return;
              const byFor = el.id && Array.from(document.querySelectorAll('label[for="' + CSS.escape(el.id) + '"]'))
                  .some(l => l.textContent.trim().length > 0);
              const wrapped = el.closest('label') && el.closest('label').textContent.trim().length > 0;
              const aria = (el.getAttribute('aria-label') || '').trim().length > 0
                  || (el.getAttribute('aria-labelledby') || '').split(/\\s+/).some(id => id && document.getElementById(id));
              if (!byFor && !wrapped && !aria) missing.push(el.outerHTML.substring(0, 160));
              else missing.push('');
            });
            return missing;""";

    /** aria-describedby / aria-labelledby ids that name no element, and links or buttons without a name. */
    private static final String BROKEN_REFERENCES_AND_NAMELESS_CONTROLS = """
            const broken = [];
            document.querySelectorAll('[aria-describedby], [aria-labelledby]').forEach(el => {
              ['aria-describedby', 'aria-labelledby'].forEach(attr => {
                (el.getAttribute(attr) || '').split(/\\s+/).filter(id => id).forEach(id => {
                  if (!document.getElementById(id)) broken.push(attr + '=' + id + ' on ' + el.outerHTML.substring(0, 120));
                });
              });
            });
            document.querySelectorAll('a[href], button').forEach(el => {
              if (el.getClientRects().length === 0) return;
              if (!el.textContent.trim() && !(el.getAttribute('aria-label') || '').trim()) broken.push('nameless ' + el.outerHTML.substring(0, 120));
            });
            return broken;""";

    private static final String FOCUS_VISIBLE = """
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            const rect = el.getBoundingClientRect();
            return (outline || style.boxShadow !== 'none') && rect.width > 0 && rect.height > 0
                && rect.left >= 0 && rect.right <= window.innerWidth;""";

    private void open(String path) {
        browser.open(root, path);
    }

    private void signIn(String user, String password) {
        browser.signIn(root, user, password);
    }

    private int fieldsChecked;

    /** The checks every page must pass; returns what failed, prefixed with the page. */
    @SuppressWarnings("unchecked")
    private List<String> pageProblems(String page) {
        List<String> problems = new ArrayList<>();
        long scrollWidth = (Long) browser.script("return document.documentElement.scrollWidth;");
        long clientWidth = (Long) browser.script("return document.documentElement.clientWidth;");
        if (scrollWidth > clientWidth) {
            problems.add(page + ": scrolls horizontally (" + scrollWidth + " > " + clientWidth + " px)");
        }
        List<String> fields = (List<String>) browser.script(UNLABELLED_FIELDS);
        fieldsChecked += fields.size();
        fields.stream().filter(f -> !f.isEmpty()).forEach(f -> problems.add(page + ": unlabelled " + f));
        ((List<String>) browser.script(BROKEN_REFERENCES_AND_NAMELESS_CONTROLS)).forEach(f -> problems.add(page + ": " + f));
        return problems;
    }

    private static void route(String id, String country) {
        given().auth().preemptive().basic("admin", "dev-admin").contentType(ContentType.JSON)
                .body(Map.of("id", id, "country", country, "employees", 50)).post("/api/route").then().statusCode(200);
    }

    @Test
    void everyMainPageFitsA1280WideWindowAndLabelsEveryField() {
        route("usability-1", "DE");
        List<String> problems = new ArrayList<>();
        browser.driver.manage().deleteAllCookies();
        open("/console/login");
        problems.addAll(pageProblems("/console/login"));
        signIn("admin", "dev-admin");
        for (String page : new String[]{"/console/rules", "/console/rules/backtest",
                "/console/rules/file?path=decision-tables/territories.xlsx", "/console/rules/file?path=rules/default.drl",
                "/console/try", "/console/decisions", "/console/roster", "/console/roster/anna.schmidt",
                "/console/roster/new", "/console/roster/holidays", "/console/fairness", "/console/fairness?days=90"}) {
            open(page);
            assertFalse(browser.driver.getTitle().startsWith("Whitelabel") || browser.driver.getPageSource().contains("id=\"refusal\""),
                    page + " did not render: " + browser.driver.getPageSource());
            problems.addAll(pageProblems(page));
        }
        // Pages with results: a decision, a dry run, a backtest.
        open("/console/decisions");
        browser.driver.findElements(By.cssSelector("a[href^='/console/decisions/']")).get(0).click();
        problems.addAll(pageProblems("a decision"));
        open("/console/try");
        browser.driver.findElement(By.id("f-id")).sendKeys("-usability");
        submitExpecting("try", "result");
        problems.addAll(pageProblems("a dry run"));
        open("/console/rules/backtest");
        browser.driver.findElement(By.id("b-file")).sendKeys(
                ConsoleProfile.ROOT.resolve("decision-tables/territories.xlsx").toString());
        submitExpecting("run-backtest", "summary");
        problems.addAll(pageProblems("a backtest"));
        assertEquals(List.of(), problems);
        assertTrue(fieldsChecked > 100, "the label check saw the fields: " + fieldsChecked);
    }

    @Test
    void signInAndADryRunWorkByKeyboardAloneWithAVisibleFocus() {
        browser.driver.manage().deleteAllCookies();
        open("/console/login");
        Actions keys = new Actions(browser.driver);
        assertEquals("j_username", browser.script("return document.activeElement.id;"), "the form starts focused");
        assertTrue((Boolean) browser.script(FOCUS_VISIBLE), "focus on the user name is visible");
        keys.sendKeys("ops").sendKeys(Keys.TAB).perform();
        assertEquals("j_password", browser.script("return document.activeElement.id;"));
        assertTrue((Boolean) browser.script(FOCUS_VISIBLE), "focus on the password is visible");
        keys.sendKeys("dev-ops").sendKeys(Keys.TAB).perform();
        assertEquals("sign-in", browser.script("return document.activeElement.id;"));
        assertTrue((Boolean) browser.script(FOCUS_VISIBLE), "focus on the submit button is visible");
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertEquals("j_password", browser.script("return document.activeElement.id;"));
        keys.sendKeys(Keys.ENTER).perform();
        assertTrue(browser.driver.findElement(By.id("signed-in-as")).getText().startsWith("ops"),
                browser.driver.getPageSource());

        // Every tab stop of the Try page shows its focus; the menu is reachable; Enter in a field runs the dry run.
        open("/console/try");
        keys.sendKeys(Keys.TAB).perform();
        assertEquals("skip", browser.script("return document.activeElement.className;"), "the first tab stop skips to the content");
        assertTrue((Boolean) browser.script(FOCUS_VISIBLE), "the skip link shows when focused");
        List<String> invisible = new ArrayList<>();
        boolean menuReached = false;
        for (int stop = 0; stop < 80; stop++) {
            keys.sendKeys(Keys.TAB).perform();
            String focused = (String) browser.script("return document.activeElement.outerHTML.substring(0, 100);");
            if (focused.contains("href=\"/console/decisions\"")) {
                menuReached = true;
            }
            if (!(Boolean) browser.script(FOCUS_VISIBLE)) {
                invisible.add(focused);
            }
            if ("try".equals(browser.script("return document.activeElement.id;"))) {
                break;
            }
        }
        assertTrue(menuReached, "Tab reaches the menu");
        assertEquals(List.of(), invisible, "tab stops without a visible focus");
        assertEquals("try", browser.script("return document.activeElement.id;"), "Tab reaches the Try button");
        browser.script("document.getElementById('f-id').focus();");
        keys.sendKeys(Keys.ENTER).perform();
        // The answer page comes after the dry run: wait for it (CI looked at the form before it came).
        new WebDriverWait(browser.driver, Duration.ofSeconds(60)).until(ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.id("result")),
                ExpectedConditions.presenceOfElementLocated(By.id("form-errors"))));
        assertFalse(browser.driver.findElements(By.id("result")).isEmpty(), "Enter in a field runs the dry run");
    }

    /** Clicks a submit button and waits for the answer's error summary (a click does not always wait for the load). */
    private void submitExpectingErrors(String buttonId) {
        submitExpecting(buttonId, "form-errors");
    }

    private void submitExpecting(String buttonId, String answerId) {
        browser.driver.findElement(By.id(buttonId)).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(60))
                .until(ExpectedConditions.presenceOfElementLocated(By.id(answerId)));
    }

    /** The field's own error message: inside the field's box and named by its aria-describedby. */
    private String errorAt(String fieldId) {
        WebElement field = browser.driver.findElement(By.id(fieldId));
        assertEquals("true", field.getAttribute("aria-invalid"), fieldId + " is marked invalid");
        String describedBy = field.getAttribute("aria-describedby");
        assertNotNull(describedBy, fieldId + " names its error");
        WebElement error = browser.driver.findElement(By.id(describedBy));
        WebElement box = field.findElement(By.xpath("ancestor::div[contains(@class,'field')][1]"));
        assertTrue(box.findElements(By.id(describedBy)).size() == 1, "the error of " + fieldId + " sits in its field");
        return error.getText();
    }

    @Test
    void aRefusedValueIsExplainedInWordsAtItsField() {
        signIn("admin", "dev-admin");
        open("/console/roster/anna.schmidt");
        String zone = browser.driver.findElement(By.id("r-timeZone")).getAttribute("value");
        WebElement timeZone = browser.driver.findElement(By.id("r-timeZone"));
        timeZone.clear();
        timeZone.sendKeys("Mars/Olympus_Mons");
        submitExpectingErrors("save-rep");
        String message = errorAt("r-timeZone");
        assertTrue(message.toLowerCase().contains("time zone"), message);
        open("/console/roster/anna.schmidt");
        assertEquals(zone, browser.driver.findElement(By.id("r-timeZone")).getAttribute("value"), "nothing was saved");

        open("/console/try");
        browser.driver.findElement(By.id("f-email")).sendKeys("not-an-email");
        browser.driver.findElement(By.id("f-employees")).sendKeys("-5");
        submitExpectingErrors("try");
        assertTrue(errorAt("f-email").contains("email"), errorAt("f-email"));
        assertTrue(errorAt("f-employees").contains("greater than or equal to 0"), errorAt("f-employees"));
        assertTrue(browser.driver.findElements(By.id("result")).isEmpty(), "a refused lead is not tried");

        open("/console/rules/backtest");
        // The browser's own required check is lifted to see the server's answer.
        browser.script("document.getElementById('b-from').value = ''; document.getElementById('b-from').removeAttribute('required');"
                + "document.getElementById('b-file').removeAttribute('required');");
        submitExpectingErrors("run-backtest");
        assertTrue(errorAt("b-file").contains("choose the candidate"), errorAt("b-file"));
        assertTrue(errorAt("b-from").contains("date and time"), errorAt("b-from"));
    }
}
