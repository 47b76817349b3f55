package io.leadrouter.reload;

import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import io.leadrouter.persistence.RuleVersionEntity;
import io.leadrouter.persistence.RuleVersionFileEntity;
import io.leadrouter.persistence.RuleVersionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Another instance's change, as it reaches this one: a new newest row in {@code rule_version} (what an upload on any
 * instance writes). This instance must serve it under the same id within seconds, and report a version it cannot
 * compile instead of silently serving another one.
 */
@QuarkusTest
@Tag("database")
@TestProfile(ClusterFollowProfile.class)
class ClusterFollowTest {

    @Inject
    RuleVersionRepository versions;

    static JsonPath status() {
        return given().auth().preemptive().basic("ops", "dev-ops").get("/api/rules")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Publishes a version the way another instance's {@link RuleHistory#record} does; returns its id. */
    String publish(String drl) {
        return publish(drl, null);
    }

    /**
     * @param idPrefix the id's hash part as recorded, or null for the start of the hash; rows recorded before V13
     *                 keep an id named after the old, location-dependent hash
     */
    String publish(String drl, String idPrefix) {
        byte[] content = drl.getBytes(StandardCharsets.UTF_8);
        // As an instance with its rules elsewhere names the file: by its API path.
        RuleSource source = new RuleSource("rules/assign.drl", content);
        String hash = new RuleSourceSet(List.of(source)).contentHash();
        return QuarkusTransaction.requiringNew().call(() -> {
            RuleVersionEntity version = new RuleVersionEntity();
            version.sequence = versions.maxSequence() + 1;
            version.versionId = "v" + version.sequence + "-" + (idPrefix == null ? hash.substring(0, 12) : idPrefix);
            version.contentHash = hash;
            version.triggeredBy = "upload rules/assign.drl (other instance)";
            version.activatedAt = Instant.now();
            version.compileMillis = 1;
            version.ruleCount = 1;
            versions.persist(version);
            RuleVersionFileEntity file = new RuleVersionFileEntity();
            file.versionSequence = version.sequence;
            file.path = "rules/assign.drl";
            file.sha256 = source.sha256();
            file.sizeBytes = content.length;
            file.content = content;
            file.persist();
            return version.versionId;
        });
    }

    JsonPath awaitServing(String versionId) {
        return await("serving " + versionId).atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .until(ClusterFollowTest::status, status -> versionId.equals(status.getString("active.id")));
    }

    @Test
    void anotherInstancesVersionServesHereUnderTheSameIdAndAFailingOneIsReported() throws Exception {
        String published = publish(HotReloadProfile.assignDrl("cluster"));
        JsonPath serving = awaitServing(published);
        assertEquals(published, serving.getString("cluster.activeVersion"));
        assertFalse(serving.getBoolean("cluster.behind"));
        String routed = given().auth().preemptive().basic("admin", "dev-admin").contentType("application/json")
                .queryParam("dryRun", true).body("{\"id\":\"lead-1\",\"country\":\"DE\"}").post("/api/route")
                .then().statusCode(200).extract().path("queue");
        assertEquals("Germany-cluster", routed);
        // The disk follows the database, so a reload here would not publish stale files.
        assertEquals(HotReloadProfile.assignDrl("cluster"),
                Files.readString(ClusterFollowProfile.ROOT.resolve("rules/assign.drl")));

        String broken = publish("package t;\nrule \"X-1 broken\" when Nope() then end\n");
        JsonPath last = await("broken version reported").atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .until(ClusterFollowTest::status, status -> status.getBoolean("cluster.failedHere"));
        assertEquals(broken, last.getString("cluster.activeVersion"));
        assertEquals(published, last.getString("active.id"), "last good version keeps serving");
        assertTrue(last.getBoolean("cluster.behind"));
        assertEquals("failure", last.getString("lastAttempt.outcome"));

        // A fixed version published after it serves again.
        String fixed = publish(HotReloadProfile.assignDrl("fixed"));
        assertFalse(awaitServing(fixed).getBoolean("cluster.behind"));
    }

    @Test
    void aVersionRecordedUnderAnOlderIdServesUnderThatId() throws Exception {
        String recorded = publish(HotReloadProfile.assignDrl("recorded-before-v13"), "0123456789ab");
        JsonPath serving = awaitServing(recorded);
        assertEquals(recorded, serving.getString("cluster.activeVersion"));
        assertFalse(serving.getBoolean("cluster.behind"), "same sequence and content: not behind, no recompiles");
        String versionOfDecision = given().auth().preemptive().basic("admin", "dev-admin")
                .contentType("application/json").queryParam("dryRun", true)
                .body("{\"id\":\"lead-2\",\"country\":\"DE\"}").post("/api/route")
                .then().statusCode(200).extract().path("rulesVersion");
        assertEquals(recorded, versionOfDecision, "decisions name the version as the history does");
    }
}
