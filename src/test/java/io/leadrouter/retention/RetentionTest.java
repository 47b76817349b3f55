package io.leadrouter.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Retention (issue 14, item 9): decisions older than the limit go with the rows that refer to them, raw webhook bodies
 * are blanked, old rule versions are trimmed, and one instance runs the job per period.
 */
@QuarkusTest
@Tag("database")
class RetentionTest {

    @Inject
    RetentionService retention;
    @Inject
    EntityManager em;

    private String route(String leadId) {
        return given().header("X-API-Key", "dev-crm-key").contentType(ContentType.JSON)
                .body("{\"id\":\"" + leadId + "\",\"country\":\"DE\",\"employees\":40,\"email\":\"x@" + leadId + ".example\"}")
                .when().post("/api/route").then().statusCode(200).extract().path("decisionId");
    }

    private long count(String sql, Object param) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).setParameter(1, param)
                .getSingleResult()).longValue());
    }

    private void ageDecision(String id, Instant decidedAt) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update decision set decided_at = ?1 where id = ?2")
                .setParameter(1, Timestamp.from(decidedAt)).setParameter(2, UUID.fromString(id)).executeUpdate());
    }

    @Test
    void oldDecisionsGoWithWhatReferencesThemRecentOnesStayAndOneInstanceRunsPerPeriod() {
        Instant now = Instant.now();
        String old = route("ret-old-" + System.nanoTime());
        String recent = route("ret-recent-" + System.nanoTime());
        ageDecision(old, now.minus(Duration.ofDays(800)));
        // An old webhook delivery of the old decision: it must go with it, without a foreign-key failure.
        UUID delivery = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into webhook_delivery (id, source,"
                        + " delivery_id, received_at, content_type, raw_body, status, lead_id, decision_id)"
                        + " values (?1, 'generic', ?2, ?3, 'application/json', '{\"email\":\"x@y.z\"}', 'ROUTED', 'ret-old', ?4)")
                .setParameter(1, delivery).setParameter(2, "ret-" + delivery).setParameter(3, Timestamp.from(now.minus(Duration.ofDays(800))))
                .setParameter(4, UUID.fromString(old)).executeUpdate());
        // A recent delivery with a body older than the body limit: blanked, kept.
        UUID bodyOnly = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into webhook_delivery (id, source,"
                        + " delivery_id, received_at, content_type, raw_body, status, lead_id, decision_id)"
                        + " values (?1, 'generic', ?2, ?3, 'application/json', '{\"email\":\"a@b.c\"}', 'ROUTED', 'ret-recent', ?4)")
                .setParameter(1, bodyOnly).setParameter(2, "ret-" + bodyOnly).setParameter(3, Timestamp.from(now.minus(Duration.ofDays(40))))
                .setParameter(4, UUID.fromString(recent)).executeUpdate());
        // An old version below every recorded one, with a file (this profile's rule directory is the repository's own,
        // so no upload: that would write into rules/).
        long lowest = count("select coalesce(min(sequence), 1) from rule_version where sequence > ?1", -1L);
        long highest = count("select coalesce(max(sequence), 1) from rule_version where sequence > ?1", -1L);
        long oldVersion = lowest - 1;
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into rule_version (sequence, version_id, content_hash, triggered_by, activated_at,"
                            + " compile_millis, rule_count) values (?1, ?2, ?3, 'retention test', ?4, 1, 1)")
                    .setParameter(1, oldVersion).setParameter(2, "v" + oldVersion + "-0ld0ld0ld0ld").setParameter(3, "0".repeat(64))
                    .setParameter(4, Timestamp.from(now.minus(Duration.ofDays(900)))).executeUpdate();
            em.createNativeQuery("insert into rule_version_file (version_sequence, path, sha256, size_bytes, content)"
                            + " values (?1, 'rules/old.drl', ?2, 3, ?3)")
                    .setParameter(1, oldVersion).setParameter(2, "0".repeat(64)).setParameter(3, "old".getBytes()).executeUpdate();
        });
        long versions = count("select count(*) from rule_version where sequence > ?1", Long.MIN_VALUE);

        // Keep every version the other tests made (they roll back to them): only the inserted old one is trimmed.
        RetentionService.Policy policy = new RetentionService.Policy(Duration.ofDays(730), Duration.ofDays(30),
                (int) (highest - lowest + 1), 2, 1000);
        RetentionService.Result result = retention.run(now, "instance-a", policy);

        assertTrue(result.ran());
        assertEquals(0, count("select count(*) from decision where id = ?1", UUID.fromString(old)), "old decision deleted");
        assertEquals(0, count("select count(*) from webhook_delivery where id = ?1", delivery), "its delivery with it");
        assertEquals(1, count("select count(*) from decision where id = ?1", UUID.fromString(recent)), "recent decision kept");
        assertEquals(1, count("select count(*) from webhook_delivery where id = ?1 and raw_body = ''", bodyOnly),
                "a body past its limit is blanked, the delivery kept for idempotency");
        assertTrue(result.decisions() >= 1 && result.webhookBodies() >= 1, result.toString());
        // Old versions keep their row and hash (an old image's files stay known) but lose their files: a rollback to
        // one is a 410 problem, not an empty rule set.
        assertEquals(versions, count("select count(*) from rule_version where sequence > ?1", Long.MIN_VALUE));
        assertEquals(0, count("select count(*) from rule_version_file where version_sequence = ?1", oldVersion));
        assertEquals(1, count("select count(*) from rule_version where sequence = ?1 and files_removed_at is not null", oldVersion));
        assertEquals(0, count("select count(*) from rule_version where sequence >= ?1 and files_removed_at is not null", lowest),
                "the versions other tests made keep their files");
        given().auth().preemptive().basic("admin", "dev-admin").post("/api/rules/versions/" + oldVersion + "/activate")
                .then().statusCode(410).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("removed by retention"));

        // Another instance in the same period skips; the recorded run says what was removed.
        assertFalse(retention.run(now.plusSeconds(60), "instance-b", policy).ran());
        assertEquals(1, count("select count(*) from scheduled_job where name = ?1 and claimed_by = 'instance-a'"
                + " and last_result like '%decisions%'", "retention"));
        // The next period is anyone's.
        assertTrue(retention.run(now.plus(Duration.ofHours(2)), "instance-b", policy).ran());

    }
}
