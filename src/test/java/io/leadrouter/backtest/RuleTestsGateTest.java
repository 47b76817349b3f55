package io.leadrouter.backtest;

import io.leadrouter.reload.HotReloadProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/** A failing rule test case blocks an upload, a rollback and a file change like a compile error; an admin may force. */
@QuarkusTest
@Tag("database")
@TestProfile(HotReloadProfile.class)
class RuleTestsGateTest {

    private static final String CASES = "rules/tests/germany.csv";

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "dev-admin");
    }

    private static Response routeGermanLead() {
        return admin().contentType(ContentType.JSON).queryParam("dryRun", true)
                .body("{\"id\":\"lead-gate\",\"country\":\"DE\"}").post("/api/route");
    }

    private static Response upload(String marker, boolean force) {
        return admin().contentType("text/plain").queryParam("force", force)
                .body(HotReloadProfile.assignDrl(marker)).put("/api/rules/files/rules/assign.drl");
    }

    @BeforeEach
    void baseline() {
        HotReloadProfile.reset();
        admin().post("/api/rules/reload").then().statusCode(200);
        HotReloadProfile.write(CASES, "case,country,expect.queue,expect.rule\nGerman leads go to the German queue,DE,Germany-base,A-1\n");
    }

    @AfterEach
    void cleanUp() {
        HotReloadProfile.reset(); // removes the test cases too
        admin().post("/api/rules/reload").then().statusCode(200);
    }

    @Test
    void aChangeThatFailsACaseIsRefusedAndTheLastGoodVersionKeepsServing() {
        String before = routeGermanLead().jsonPath().getString("rulesVersion");

        Response refused = upload("changed", false);
        refused.then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/rule-checks-failed"))
                .body("detail", containsString("1 failing rule test(s) of 1"));
        Map<String, Object> error = refused.jsonPath().getMap("errors[0]");
        assertTrue(String.valueOf(error.get("file")).endsWith(CASES), error::toString);
        assertEquals(2, error.get("row"));
        assertTrue(String.valueOf(error.get("message")).contains(
                "'German leads go to the German queue' failed: expect.queue expected queue Germany-base, actual queue Germany-changed"),
                error::toString);

        // Nothing written, nothing activated; the status names the case.
        assertEquals("Germany-base", routeGermanLead().jsonPath().getString("queue"));
        assertEquals(before, routeGermanLead().jsonPath().getString("rulesVersion"));
        Response status = admin().get("/api/rules");
        assertEquals("failure", status.jsonPath().getString("lastAttempt.outcome"));
        assertEquals(before, status.jsonPath().getString("active.id"));
        List<Map<String, Object>> errors = status.jsonPath().getList("lastAttempt.errors");
        assertTrue(errors.stream().anyMatch(e -> String.valueOf(e.get("file")).endsWith(CASES) && Integer.valueOf(2).equals(e.get("row"))
                && String.valueOf(e.get("message")).contains("actual queue Germany-changed")), errors::toString);
    }

    @Test
    void anAdminMayForceAndTheVersionRecordsIt() {
        Response forced = upload("forced", true);
        forced.then().statusCode(200).body("trigger", containsString("forced by an admin past 1 failing rule test(s)"));
        assertEquals("Germany-forced", routeGermanLead().jsonPath().getString("queue"));
        admin().get("/api/rules/versions").then().statusCode(200)
                .body("find { it.active }.trigger", containsString("forced"));
    }

    @Test
    void aRollbackToAVersionThatFailsTheCasesIsRefusedUnlessForced() {
        long base = admin().get("/api/rules").jsonPath().getLong("active.sequence");
        HotReloadProfile.write(CASES, "country,expect.queue\nDE,Germany-next\n");
        upload("next", false).then().statusCode(200);

        admin().post("/api/rules/versions/" + base + "/activate").then().statusCode(422)
                .body("errors[0].message", containsString("actual queue Germany-base"));
        assertEquals("Germany-next", routeGermanLead().jsonPath().getString("queue"));

        admin().queryParam("force", true).post("/api/rules/versions/" + base + "/activate").then().statusCode(200)
                .body("trigger", allOf(startsWith("rollback to v" + base), containsString("forced")));
        assertEquals("Germany-base", routeGermanLead().jsonPath().getString("queue"));
    }

    @Test
    void aFileChangeOnDiskThatFailsACaseIsNotActivated() {
        String before = routeGermanLead().jsonPath().getString("rulesVersion");
        HotReloadProfile.write("rules/assign.drl", HotReloadProfile.assignDrl("on-disk"));
        Response status = await("a failed watcher attempt").atMost(Duration.ofSeconds(10))
                .until(() -> admin().get("/api/rules"), answer -> "failure".equals(answer.jsonPath()
                        .getString("lastAttempt.outcome"))
                        && String.valueOf(answer.jsonPath().getString("lastAttempt.trigger")).contains("change"));
        assertEquals(before, status.jsonPath().getString("active.id"));
        assertEquals("Germany-base", routeGermanLead().jsonPath().getString("queue"));
    }

    @Test
    void theLintEndpointNamesTwoAssignmentRulesAtOneSalience() {
        HotReloadProfile.write(CASES, "country,expect.rule\nFR,B-1\n");
        String drl = """
                package t;
                import io.leadrouter.domain.*;
                global Routing routing;

                rule "B-1 france"
                    salience 200
                    activation-group "assignment"
                when
                    Lead(country in ("FR", "BE"))
                then
                    routing.assignToTeam("Nobody's team");
                end

                rule "B-2 belgium"
                    salience 200
                    activation-group "assignment"
                when
                    Lead(country == "BE")
                then
                    routing.routeToQueue("Belgium");
                end
                """;
        admin().contentType("text/plain").body(drl).put("/api/rules/files/rules/b.drl").then().statusCode(200);
        Response lint = given().auth().preemptive().basic("ops", "dev-ops").get("/api/rules/lint");
        lint.then().statusCode(200).body("casesRun", equalTo(1)).body("failures", empty());
        List<Map<String, Object>> findings = lint.jsonPath().getList("findings");
        assertTrue(findings.stream().anyMatch(f -> "same-salience".equals(f.get("kind")) && "B-2 belgium".equals(f.get("rule"))
                && String.valueOf(f.get("file")).endsWith("rules/b.drl") && Integer.valueOf(14).equals(f.get("line"))
                && String.valueOf(f.get("message")).contains("B-1 france")), findings::toString);
        assertTrue(findings.stream().anyMatch(f -> "unservable-target".equals(f.get("kind"))
                && String.valueOf(f.get("message")).contains("team 'Nobody's team'")), findings::toString);
    }

    @Test
    void aTestFileUploadedThroughTheApiIsCheckedAgainstTheActiveRulesAndThenGatesChanges() {
        String path = "/api/rules/files/rules/tests/uploaded.csv";
        java.nio.file.Path onDisk = HotReloadProfile.RULES.resolve("tests/uploaded.csv");
        String active = admin().get("/api/rules").jsonPath().getString("active.id");

        // A case the active rules fail: refused, located, nothing left on disk, the version unchanged.
        admin().contentType("text/plain").body("case,country,expect.queue\nwrong,DE,Somewhere-else\n").put(path)
                .then().statusCode(422).body("errors.file", hasItem(endsWith("rules/tests/uploaded.csv")))
                .body("errors.row", hasItem(2));
        assertFalse(java.nio.file.Files.exists(onDisk));
        // An unreadable test file is refused too, naming the column.
        admin().contentType("text/plain").body("case,country,expect.qeue\nx,DE,Germany-base\n").put(path)
                .then().statusCode(422).body("errors.message", hasItem(containsString("expect.qeue")));
        assertFalse(java.nio.file.Files.exists(onDisk));
        assertEquals(active, admin().get("/api/rules").jsonPath().getString("active.id"));

        // A passing case is stored (not compiled as a decision table) and gates the next rule change.
        admin().contentType("text/plain").body("case,country,expect.queue\npinned,DE,Germany-base\n").put(path)
                .then().statusCode(200);
        assertTrue(java.nio.file.Files.exists(onDisk));
        java.nio.file.Path germany = HotReloadProfile.RULES.resolve("tests/germany.csv");
        try {
            java.nio.file.Files.delete(germany); // only the uploaded case gates now
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        upload("changed", false).then().statusCode(422).body("errors.file", hasItem(endsWith("rules/tests/uploaded.csv")));
        assertEquals("Germany-base", routeGermanLead().jsonPath().getString("queue"));
    }

    @Test
    void deletingARuleTestFileStopsItGatingAndDeletingAnUnknownFileIsA404Problem() {
        upload("changed", false).then().statusCode(422); // the case gates the change
        String active = admin().get("/api/rules").jsonPath().getString("active.id");

        admin().delete("/api/rules/files/" + CASES).then().statusCode(200);
        assertFalse(java.nio.file.Files.exists(HotReloadProfile.RULES.resolve("tests/germany.csv")));
        upload("changed", false).then().statusCode(200); // nothing gates it any more
        assertEquals("Germany-changed", routeGermanLead().jsonPath().getString("queue"));
        String afterChange = admin().get("/api/rules").jsonPath().getString("active.id");
        assertNotEquals(active, afterChange);

        // Gone already, never there, or outside the rule directories: 404 problem details, nothing activated.
        for (String unknown : List.of(CASES, "rules/tests/never-there.csv", "rules/never-there.drl",
                "decision-tables/never-there.xlsx")) {
            admin().delete("/api/rules/files/" + unknown).then().statusCode(404)
                    .contentType("application/problem+json").body("status", equalTo(404))
                    .body("detail", containsString(unknown));
        }
        assertEquals(afterChange, admin().get("/api/rules").jsonPath().getString("active.id"));
    }
}
