package io.leadrouter.reload;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
@Tag("database")
@TestProfile(HotReloadProfile.class)
class RulesHotReloadTest {

    static final String PROBLEM = "application/problem+json";
    static final String LEAD_DE = "{\"id\":\"lead-1\",\"country\":\"DE\"}";

    static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "dev-admin");
    }

    static RequestSpecification ops() {
        return given().auth().preemptive().basic("ops", "dev-ops");
    }

    static Response routeDryRun() {
        return admin().contentType(ContentType.JSON).queryParam("dryRun", true).body(LEAD_DE).post("/api/route");
    }

    static String activeVersionId() {
        return ops().get("/api/rules").then().statusCode(200).extract().path("active.id");
    }

    /** Polls {@code probe} until {@code done}; on timeout the failure names {@code what} and the last value seen. */
    static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .until(probe::get, new CustomTypeSafeMatcher<T>(what) {
                    @Override
                    protected boolean matchesSafely(T item) {
                        return done.test(item);
                    }
                });
    }

    @BeforeEach
    void baseline() {
        HotReloadProfile.reset();
        admin().post("/api/rules/reload").then().statusCode(200);
    }

    @Test
    void editingAFileOnDiskGoesLiveWithinSeconds() throws InterruptedException {
        routeDryRun().then().statusCode(200).body("matchedRules.name", hasItem("A-1 germany base"));
        String before = activeVersionId();

        HotReloadProfile.write("rules/assign.drl", HotReloadProfile.assignDrl("edited"));

        Response routed = await(RulesHotReloadTest::routeDryRun,
                r -> r.statusCode() == 200 && r.jsonPath().getList("matchedRules.name").contains("A-1 germany edited"),
                "the edited rule to route");
        assertEquals("Germany-edited", routed.jsonPath().getString("queue"));
        assertNotEquals(before, routed.jsonPath().getString("rulesVersion"));
        ops().get("/api/rules").then().statusCode(200)
                .body("active.id", equalTo(routed.jsonPath().getString("rulesVersion")))
                .body("active.trigger", equalTo("file change"))
                .body("active.files.path", hasItems("rules/assign.drl", "decision-tables/score.csv"))
                .body("active.files.sha256", everyItem(matchesPattern("[0-9a-f]{64}")))
                .body("active.ruleCount", equalTo(2))
                .body("lastAttempt.outcome", equalTo("success"));
    }

    @Test
    void aBrokenFileOnDiskKeepsTheOldVersionServingAndIsReportedWithItsLine() throws Exception {
        String before = activeVersionId();
        HotReloadProfile.write("rules/broken.drl", """
                package t;
                rule "oops"
                when
                    NoSuchFact()
                then
                end
                """);

        Response status = await(() -> ops().get("/api/rules"),
                r -> "failure".equals(r.jsonPath().getString("lastAttempt.outcome")), "the failed compile");
        assertEquals(before, status.jsonPath().getString("active.id"));
        assertEquals(before, status.jsonPath().getString("lastAttempt.versionId"));
        List<Map<String, Object>> errors = status.jsonPath().getList("lastAttempt.errors");
        assertFalse(errors.isEmpty());
        assertTrue(errors.stream().anyMatch(e -> String.valueOf(e.get("file")).endsWith("rules/broken.drl")
                && e.get("line") != null), errors::toString);

        routeDryRun().then().statusCode(200).body("rulesVersion", equalTo(before))
                .body("matchedRules.name", hasItem("A-1 germany base"));

        // Reverting the bad edit on disk is news (the failure the watcher reported is over), unlike the watcher's
        // echo of a refused upload restoring its old file (aBrokenUploadIs422AndWritesNothing).
        Files.delete(HotReloadProfile.RULES.resolve("broken.drl"));
        Response reverted = await(() -> ops().get("/api/rules"),
                r -> "unchanged".equals(r.jsonPath().getString("lastAttempt.outcome")), "the reverted edit");
        assertEquals("file change", reverted.jsonPath().getString("lastAttempt.trigger"));
        assertEquals(before, reverted.jsonPath().getString("active.id"));
    }

    @Test
    void aBrokenUploadIs422AndWritesNothing() {
        String before = activeVersionId();
        admin().contentType(ContentType.BINARY).body("not,a\nrule,table".getBytes(StandardCharsets.UTF_8))
                .put("/api/rules/files/decision-tables/broken.csv")
                .then().statusCode(422).contentType(PROBLEM)
                .body("title", equalTo("Rules do not compile"))
                .body("errors[0].file", endsWith("decision-tables/broken.csv"))
                .body("errors[0].message", notNullValue());
        admin().contentType(ContentType.BINARY).body(new byte[]{0x50, 0x4b, 0x03, 0x04, 1, 2, 3})
                .put("/api/rules/files/decision-tables/broken.xlsx")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].file", endsWith("decision-tables/broken.xlsx"));
        admin().contentType(ContentType.TEXT).body("package t;\nrule \"x\" when\n  Nope()\nthen end\n")
                .put("/api/rules/files/rules/assign.drl")
                .then().statusCode(422).body("errors[0].line", notNullValue());

        assertFalse(Files.exists(HotReloadProfile.TABLES.resolve("broken.csv")));
        assertFalse(Files.exists(HotReloadProfile.TABLES.resolve("broken.xlsx")));
        assertEquals(HotReloadProfile.assignDrl("base"), read(HotReloadProfile.RULES.resolve("assign.drl")));
        assertEquals(before, activeVersionId());
        ops().get("/api/rules").then().body("lastAttempt.outcome", equalTo("failure"));
    }

    @Test
    void aGoodUploadIsWrittenAndActivated() {
        String csv = HotReloadProfile.SCORE_CSV.replace("RuleSet,score", "RuleSet,more")
                .replace("S-1 germany,DE,DE", "T-1 germany,DE,DE\nT-2 austria,AT,AT");
        String id = admin().contentType(ContentType.BINARY).body(csv.getBytes(StandardCharsets.UTF_8))
                .put("/api/rules/files/decision-tables/nested/more.csv")
                .then().statusCode(200)
                .body("changed", equalTo(true))
                .body("active", equalTo(true))
                .body("trigger", equalTo("upload decision-tables/nested/more.csv"))
                .body("files.path", hasItem("decision-tables/nested/more.csv"))
                .extract().path("id");
        assertEquals(csv, read(HotReloadProfile.TABLES.resolve("nested/more.csv")));
        assertEquals(id, activeVersionId());
        routeDryRun().then().statusCode(200).body("rulesVersion", equalTo(id));

        // The same bytes again: nothing new to activate.
        admin().contentType(ContentType.BINARY).body(csv.getBytes(StandardCharsets.UTF_8))
                .put("/api/rules/files/decision-tables/nested/more.csv")
                .then().statusCode(200).body("changed", equalTo(false)).body("id", equalTo(id));

        admin().delete("/api/rules/files/decision-tables/nested/more.csv")
                .then().statusCode(200).body("changed", equalTo(true))
                .body("files.path", not(hasItem("decision-tables/nested/more.csv")));
        assertFalse(Files.exists(HotReloadProfile.TABLES.resolve("nested/more.csv")));
        admin().delete("/api/rules/files/decision-tables/nested/more.csv").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void excelTablesUploadWithSheetAndRowInErrors() throws java.io.IOException {
        admin().contentType(ContentType.BINARY).body(workbook("countryy == \"$param\""))
                .put("/api/rules/files/decision-tables/regions.xlsx")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].file", endsWith("decision-tables/regions.xlsx"))
                .body("errors[0].sheet", equalTo("Regions"))
                .body("errors[0].row", equalTo(10));
        assertFalse(Files.exists(HotReloadProfile.TABLES.resolve("regions.xlsx")));

        byte[] good = workbook("country == \"$param\"");
        admin().contentType(ContentType.BINARY).body(good)
                .put("/api/rules/files/decision-tables/regions.xlsx")
                .then().statusCode(200).body("changed", equalTo(true)).body("ruleCount", equalTo(3));
        assertArrayEquals(good, Files.readAllBytes(HotReloadProfile.TABLES.resolve("regions.xlsx")));
        admin().contentType(ContentType.JSON).queryParam("dryRun", true).body("{\"id\":\"lead-at\",\"country\":\"AT\"}")
                .post("/api/route").then().statusCode(200).body("queue", equalTo("Austria"))
                .body("matchedRules[0].sheet", equalTo("Regions")).body("matchedRules[0].row", equalTo(10));
    }

    /** A one-rule decision table on sheet "Regions"; the rule is on row 10. */
    private static byte[] workbook(String condition) throws java.io.IOException {
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet("Regions");
            String[][] rows = {
                    {"RuleSet", "regions"},
                    {"Import", "io.leadrouter.domain.Lead"},
                    {"Variables", "io.leadrouter.domain.Routing routing"},
                    {},
                    {"RuleTable Regions"},
                    {"NAME", "CONDITION", "ACTION"},
                    {"", "Lead", ""},
                    {"", condition, "routing.routeToQueue(\"$param\");"},
                    {"Rule", "Country", "Queue"},
                    {"R-1 austria", "AT", "Austria"}};
            for (int r = 0; r < rows.length; r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void reloadWithoutChangesKeepsTheVersion() {
        String before = activeVersionId();
        admin().post("/api/rules/reload").then().statusCode(200)
                .body("changed", equalTo(false)).body("id", equalTo(before));
    }

    @Test
    void rollbackRestoresBehaviourAndFiles() {
        String base = activeVersionId();
        long baseSequence = Long.parseLong(base.substring(1, base.indexOf('-')));
        admin().contentType(ContentType.TEXT).body(HotReloadProfile.assignDrl("new"))
                .put("/api/rules/files/rules/assign.drl").then().statusCode(200);
        admin().contentType(ContentType.TEXT).body(HotReloadProfile.assignDrl("extra").replace("A-1", "X-1"))
                .put("/api/rules/files/rules/extra.drl").then().statusCode(200);
        routeDryRun().then().body("matchedRules.name", hasItems("A-1 germany new", "X-1 germany extra"));

        Response rolledBack = admin().post("/api/rules/versions/v" + baseSequence + "/activate");
        rolledBack.then().statusCode(200)
                .body("trigger", equalTo("rollback to v" + baseSequence))
                .body("sequence", greaterThan((int) baseSequence + 1))
                .body("contentHash", startsWith(base.substring(base.indexOf('-') + 1)));

        routeDryRun().then().statusCode(200)
                .body("rulesVersion", equalTo(rolledBack.jsonPath().getString("id")))
                .body("matchedRules.name", hasItem("A-1 germany base"))
                .body("matchedRules.name", not(hasItem("X-1 germany extra")));
        assertEquals(HotReloadProfile.assignDrl("base"), read(HotReloadProfile.RULES.resolve("assign.drl")));
        assertFalse(Files.exists(HotReloadProfile.RULES.resolve("extra.drl")));

        ops().get("/api/rules/versions").then().statusCode(200)
                .body("[0].id", equalTo(rolledBack.jsonPath().getString("id")))
                .body("[0].active", equalTo(true))
                .body("[0].files.path", hasItems("rules/assign.drl", "decision-tables/score.csv"))
                .body("trigger", hasItem("startup"));

        admin().post("/api/rules/versions/99999/activate").then().statusCode(404).contentType(PROBLEM);
        admin().post("/api/rules/versions/v" + baseSequence + "-000000000000/activate").then().statusCode(404);
        admin().post("/api/rules/versions/latest/activate").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("version"));
    }

    /** A rollback whose disk write fails half-way puts back what it had written, and the active version serves on. */
    @Test
    void aRollbackThatCannotWriteEveryFileLeavesDiskAndRulesAsTheyWere() throws Exception {
        admin().contentType(ContentType.TEXT).body(HotReloadProfile.assignDrl("zz").replace("A-1", "Z-1"))
                .put("/api/rules/files/rules/zz.drl").then().statusCode(200);
        String withZz = activeVersionId();
        long target = Long.parseLong(withZz.substring(1, withZz.indexOf('-')));
        admin().contentType(ContentType.TEXT).body(HotReloadProfile.assignDrl("new"))
                .put("/api/rules/files/rules/assign.drl").then().statusCode(200);
        admin().delete("/api/rules/files/rules/zz.drl").then().statusCode(200);
        String before = activeVersionId();
        // Restoring the target writes rules/assign.drl first (path order), then cannot put rules/zz.drl where a
        // non-empty directory of that name now stands.
        Path blocker = HotReloadProfile.RULES.resolve("zz.drl");
        Files.createDirectories(blocker);
        Files.writeString(blocker.resolve("keep.txt"), "not a rule file");
        try {
            admin().post("/api/rules/versions/v" + target + "/activate").then().statusCode(500).contentType(PROBLEM);

            assertEquals(HotReloadProfile.assignDrl("new"), read(HotReloadProfile.RULES.resolve("assign.drl")));
            assertEquals(before, activeVersionId());
            routeDryRun().then().statusCode(200).body("rulesVersion", equalTo(before))
                    .body("matchedRules.name", hasItem("A-1 germany new"))
                    .body("matchedRules.name", not(hasItem("Z-1 germany zz")));
            ops().get("/api/rules").then().statusCode(200).body("lastAttempt.outcome", equalTo("failure"))
                    .body("lastAttempt.trigger", equalTo("rollback to v" + target));
        } finally {
            Files.delete(blocker.resolve("keep.txt"));
            Files.delete(blocker);
            // No wait for the watcher here (there was a 1 s sleep): its look at the files the rollback rewrote finds
            // the active content, an echo that leaves the status alone (RuleReloadService.apply), and the next test
            // resets the files and reloads on the same compile thread first.
        }
    }

    @Test
    void onlyAdminsChangeRules() {
        byte[] drl = HotReloadProfile.assignDrl("intruder").getBytes(StandardCharsets.UTF_8);
        given().contentType(ContentType.BINARY).body(drl).put("/api/rules/files/rules/assign.drl")
                .then().statusCode(401).contentType(PROBLEM);
        ops().contentType(ContentType.BINARY).body(drl).put("/api/rules/files/rules/assign.drl")
                .then().statusCode(403).contentType(PROBLEM);
        given().post("/api/rules/reload").then().statusCode(401).contentType(PROBLEM);
        ops().post("/api/rules/reload").then().statusCode(403).contentType(PROBLEM);
        given().post("/api/rules/versions/1/activate").then().statusCode(401).contentType(PROBLEM);
        ops().post("/api/rules/versions/1/activate").then().statusCode(403).contentType(PROBLEM);
        ops().delete("/api/rules/files/rules/assign.drl").then().statusCode(403).contentType(PROBLEM);
        given().header("X-API-Key", "dev-crm-key").get("/api/rules").then().statusCode(403).contentType(PROBLEM);
        given().get("/api/rules").then().statusCode(401);
        ops().get("/api/rules").then().statusCode(200);
        ops().get("/api/rules/versions").then().statusCode(200);
        assertEquals(HotReloadProfile.assignDrl("base"), read(HotReloadProfile.RULES.resolve("assign.drl")));
    }

    @Test
    void badFileNamesAreRejected() {
        byte[] drl = HotReloadProfile.assignDrl("x").getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("rules/..%2F..%2Fx.drl", "..%2Fx.drl", "%2Fetc%2Fx.drl", "rules/x.exe",
                "rules%5Cx.drl", "other/x.drl", "rules/~$x.xlsx", "rules/.~lock.x.xlsx%23", "rules/x.drl.swp", "x.drl")) {
            admin().urlEncodingEnabled(false).contentType(ContentType.BINARY).body(drl)
                    .put("/api/rules/files/" + path)
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("path"));
        }
        admin().urlEncodingEnabled(false).contentType(ContentType.BINARY).body(drl).put("/api/rules/files/../x.drl")
                .then().statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)));
        admin().contentType(ContentType.BINARY).body(new byte[65 * 1024])
                .put("/api/rules/files/rules/big.drl")
                .then().statusCode(413).contentType(PROBLEM).body("errors[0].field", equalTo("body"));
        assertFalse(Files.exists(HotReloadProfile.RULES.resolve("big.drl")));
        assertFalse(Files.exists(HotReloadProfile.ROOT.resolve("x.drl")));
    }

    @Test
    void reloadsAreMeasured() {
        admin().contentType(ContentType.TEXT).body("package t;\nrule \"x\" when\n  Nope()\nthen end\n")
                .put("/api/rules/files/rules/broken.drl").then().statusCode(422);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("rules_reloads_total{outcome=\"failure\",trigger=\"upload\"}"), metrics);
        assertTrue(metrics.contains("rules_reloads_total{outcome=\"success\",trigger=\"startup\"}"), metrics);
        assertTrue(metrics.contains("rules_compile_seconds_count"), metrics);
        assertTrue(metrics.contains("rules_active_count 2.0"), metrics);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
