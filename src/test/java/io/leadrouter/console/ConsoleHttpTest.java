package io.leadrouter.console;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** The console over plain HTTP: sign-in, the session cookie beside basic auth, CSRF refusals, roles. */
@QuarkusTest
@TestProfile(ConsoleProfile.class)
class ConsoleHttpTest {

    private static CookieFilter signIn(String user, String password) {
        CookieFilter cookies = new CookieFilter();
        given().filter(cookies).redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", user).formParam("j_password", password)
                .when().post("/console/j_security_check").then().statusCode(302);
        return cookies;
    }

    @Test
    void anonymousPagesRedirectToTheLoginFormWhileTheApiKeepsItsBasicChallenge() {
        given().redirects().follow(false).when().get("/").then().statusCode(303).header("Location", endsWith("/console"));
        given().redirects().follow(false).when().get("/console/rules").then().statusCode(302)
                .header("Location", containsString("/console/login"));
        given().when().get("/console/login").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("j_security_check"));
        given().when().get("/api/decisions").then().statusCode(401).header("WWW-Authenticate", containsString("Basic"));
        given().auth().preemptive().basic("ops", "dev-ops").when().get("/api/rules").then().statusCode(200);
    }

    @Test
    void wrongPasswordShowsTheLoginErrorAndGrantsNothing() {
        CookieFilter cookies = new CookieFilter();
        given().filter(cookies).redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", "admin").formParam("j_password", "wrong")
                .when().post("/console/j_security_check").then().statusCode(302)
                .header("Location", containsString("error=true"));
        given().filter(cookies).redirects().follow(false).when().get("/console/rules").then().statusCode(302);
    }

    @Test
    void signedInPagesRenderAndAChangeWithoutTheCsrfTokenIsRefused() {
        CookieFilter admin = signIn("admin", "dev-admin");
        given().filter(admin).when().get("/console/rules").then().statusCode(200)
                .body(containsString("Active version"), containsString("admin"));
        for (String page : new String[]{"/console/try", "/console/decisions", "/console/roster",
                "/console/roster/holidays", "/console/fairness"}) {
            given().filter(admin).when().get(page).then().statusCode(200);
        }
        given().filter(admin).contentType(ContentType.URLENC).formParam("path", "rules/default.drl")
                .when().post("/console/rules/delete").then().statusCode(403)
                .body(containsString("security token missing or wrong"));
        given().filter(admin).contentType(ContentType.URLENC).formParam("path", "rules/default.drl")
                .formParam("_csrf", "forged").when().post("/console/rules/delete").then().statusCode(403);
        // Nothing was deleted.
        given().filter(admin).when().get("/console/rules").then().body(containsString("rules/default.drl"));
    }

    @Test
    void opsMayTryLeadsButNotChangeRules() {
        CookieFilter ops = signIn("ops", "dev-ops");
        String page = given().filter(ops).when().get("/console/try").then().statusCode(200).extract().asString();
        String token = page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        given().filter(ops).contentType(ContentType.URLENC).formParam("_csrf", token).formParam("id", "ops-try-1")
                .formParam("country", "DE").formParam("employees", "2500")
                .when().post("/console/try").then().statusCode(200).body(containsString("Matched rules"));
        given().filter(ops).contentType(ContentType.URLENC).formParam("_csrf", token).formParam("path", "rules/default.drl")
                .when().post("/console/rules/delete").then().statusCode(403).body(containsString("Only an admin"));
        given().filter(ops).contentType(ContentType.URLENC).formParam("_csrf", token).formParam("id", "x")
                .formParam("employees", "many").formParam("country", "XX")
                .when().post("/console/try").then().statusCode(400)
                .body(containsString("must be a whole number"), containsString("ISO 3166-1"));
    }

    @Test
    void theTestAChangeFormNeedsItsTokenAndAnswersABadCandidateAtItsField() {
        CookieFilter ops = signIn("ops", "dev-ops");
        String page = given().filter(ops).when().get("/console/rules/backtest").then().statusCode(200)
                .body(containsString("Decisions from (UTC)")).extract().asString();
        String token = page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        given().filter(ops).multiPart("file", "territories.xlsx", new byte[]{1}).multiPart("from", "2026-01-01T00:00")
                .multiPart("to", "2026-01-02T00:00").when().post("/console/rules/backtest").then().statusCode(403)
                .body(containsString("security token missing or wrong"));
        given().filter(ops).multiPart("_csrf", token).multiPart("file", "notes.txt", "hello".getBytes())
                .multiPart("from", "2026-01-01T00:00").multiPart("to", "2026-01-02T00:00")
                .when().post("/console/rules/backtest").then().statusCode(400)
                .body(containsString("id=\"e-file\">decision-tables/notes.txt: only .drl, .xlsx, .xls and .csv"));
        given().filter(ops).multiPart("_csrf", token).multiPart("file", "territories.xlsx", new byte[]{1})
                .multiPart("from", "2026-01-02T00:00").multiPart("to", "2026-01-01T00:00")
                .when().post("/console/rules/backtest").then().statusCode(400)
                .body(containsString("id=\"e-to\">must be after From"));
    }
}
