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
        long versions = count("select count(*) from rule_version where sequence > ?1", -1L);
        assertTrue(versions >= 1);

        // Keep every version but the oldest (other tests roll back to versions they made).
        RetentionService.Policy policy = new RetentionService.Policy(Duration.ofDays(730), Duration.ofDays(30),
                (int) Math.max(1, versions - 1), 2, 1000);
        RetentionService.Result result = retention.run(now, "instance-a", policy);

        assertTrue(result.ran());
        assertEquals(0, count("select count(*) from decision where id = ?1", UUID.fromString(old)), "old decision deleted");
        assertEquals(0, count("select count(*) from webhook_delivery where id = ?1", delivery), "its delivery with it");
        assertEquals(1, count("select count(*) from decision where id = ?1", UUID.fromString(recent)), "recent decision kept");
        assertEquals(1, count("select count(*) from webhook_delivery where id = ?1 and raw_body = ''", bodyOnly),
                "a body past its limit is blanked, the delivery kept for idempotency");
        assertTrue(result.decisions() >= 1 && result.webhookBodies() >= 1, result.toString());
        assertEquals(versions > 1 ? versions - 1 : versions, count("select count(*) from rule_version where sequence > ?1", -1L));

        // Another instance in the same period skips; the recorded run says what was removed.
        assertFalse(retention.run(now.plusSeconds(60), "instance-b", policy).ran());
        assertEquals(1, count("select count(*) from scheduled_job where name = ?1 and claimed_by = 'instance-a'"
                + " and last_result like '%decisions%'", "retention"));
        // The next period is anyone's.
        assertTrue(retention.run(now.plus(Duration.ofHours(2)), "instance-b", policy).ran());
    }
}
