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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Readiness while another instance's version is published but not yet adopted here: DOWN (503) with what serves and
 * what the cluster runs, UP once it serves; a version that cannot compile here keeps the instance ready on its last
 * good version, reported as failedHere.
 */
@QuarkusTest
@Tag("database")
@TestProfile(ClusterReadinessProfile.class)
class ClusterReadinessTest {

    @Inject
    RuleFileStore files;
    @Inject
    RuleVersionRepository versions;
    @Inject
    RuleReloadService reloads;

    /** The "cluster" check of /q/health/ready with the expected HTTP status. */
    static Map<String, Object> clusterCheck(int status) {
        JsonPath health = given().get("/q/health/ready").then().statusCode(status).extract().jsonPath();
        return health.getMap("checks.find { it.name == 'cluster' }");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> check) {
        return (Map<String, Object>) check.get("data");
    }

    String publish(String drl) {
        byte[] content = drl.getBytes(StandardCharsets.UTF_8);
        RuleSource source = new RuleSource(files.resolve("rules/assign.drl").sourcePath(), content);
        String hash = new RuleSourceSet(List.of(source)).contentHash();
        return QuarkusTransaction.requiringNew().call(() -> {
            RuleVersionEntity version = new RuleVersionEntity();
            version.sequence = versions.maxSequence() + 1;
            version.versionId = "v" + version.sequence + "-" + hash.substring(0, 12);
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

    Map<String, Object> awaitReady() {
        await("ready").atMost(Duration.ofSeconds(10))
                .until(() -> given().get("/q/health/ready").then().extract().statusCode(), equalTo(200));
        return clusterCheck(200);
    }

    @Test
    void downWhileThePublishedVersionIsNotServingHereUpOnceItIsAndUpWhenItFailsHere() throws Exception {
        Map<String, Object> start = clusterCheck(200);
        assertEquals("UP", start.get("status"));
        assertEquals(data(start).get("serving"), data(start).get("clusterActive"));

        String published = publish(HotReloadProfile.assignDrl("ready"));
        // The poller has not run (1 h interval): the version is published but not adopted here. The rules status
        // says so at once too (asked before the probe, which would read the new row for it).
        JsonPath rules = given().auth().preemptive().basic("ops", "dev-ops")
                .get("/api/rules").then().statusCode(200).extract().jsonPath();
        assertEquals(published, rules.getString("cluster.activeVersion"));
        assertEquals(data(start).get("serving"), rules.getString("cluster.serving"));
        assertTrue(rules.getBoolean("cluster.behind"));
        Map<String, Object> behind = clusterCheck(503);
        assertEquals("DOWN", behind.get("status"));
        assertEquals(published, data(behind).get("clusterActive"));
        assertEquals(data(start).get("serving"), data(behind).get("serving"));
        assertEquals(false, data(behind).get("failedHere"));

        reloads.followCluster();
        Map<String, Object> caughtUp = awaitReady();
        assertEquals("UP", caughtUp.get("status"));
        assertEquals(published, data(caughtUp).get("serving"));
        assertEquals(published, data(caughtUp).get("clusterActive"));

        String broken = publish("package t;\nrule \"X-1 broken\" when Nope() then end\n");
        assertEquals("DOWN", clusterCheck(503).get("status"), "not adopted yet");
        reloads.followCluster();
        // One request per look: asking for the status first and the check second raced the compile in between.
        await("broken version reported as failedHere").atMost(Duration.ofSeconds(10))
                .until(() -> Boolean.TRUE.equals(data(given().get("/q/health/ready").then().extract().jsonPath()
                        .getMap("checks.find { it.name == 'cluster' }")).get("failedHere")));
        Map<String, Object> failed = clusterCheck(200);
        assertEquals("UP", failed.get("status"), "a version broken here keeps the last good one ready");
        assertEquals(broken, data(failed).get("clusterActive"));
        assertEquals(published, data(failed).get("serving"));
    }
}
