package io.leadrouter.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.leadrouter.webhook.WebhookSigning.generic;
import static io.leadrouter.webhook.WebhookSigning.hubSpot;
import static io.leadrouter.webhook.WebhookSigning.sample;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Concurrent retries, push-back with retries against the stub CRM, and the database failing mid-delivery. */
@QuarkusTest
@Tag("database")
@TestProfile(CrmStubProfile.class)
@TestSecurity(user = "test-admin", roles = "admin")
class WebhookDurabilityTest {

    @Test
    void fiveConcurrentDeliveriesOfOneEventMakeOneDecision() throws Exception {
        String body = "{\"id\":\"gen-concurrent-1\",\"country\":\"DE\",\"employees\":80}";
        ExecutorService pool = Executors.newFixedThreadPool(5);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Response>> deliveries = java.util.stream.IntStream.range(0, 5)
                    .<Callable<Response>>mapToObj(i -> () -> {
                        start.await();
                        return generic(body, "concurrent-delivery-1").when().post("/webhooks/generic");
                    }).toList();
            List<Future<Response>> answers = deliveries.stream().map(pool::submit).toList();
            start.countDown();
            Set<String> decisionIds = new java.util.HashSet<>();
            int firstAnswers = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertEquals(200, response.statusCode(), response.asString());
                decisionIds.add(response.path("decision.decisionId"));
                if (!(Boolean) response.path("duplicate")) {
                    firstAnswers++;
                }
            }
            assertEquals(1, decisionIds.size(), "every delivery answers the same decision");
            assertEquals(1, firstAnswers, "exactly one delivery routed, the others replayed it");
        } finally {
            pool.shutdownNow();
        }
        given().queryParam("leadId", "gen-concurrent-1").when().get("/api/decisions")
                .then().statusCode(200).body("totalItems", equalTo(1));
        assertEquals(1L, WebhookResourcesTest.inboxRowsFor("gen-concurrent-1"));
    }

    @Test
    void genericCallbackFailingTwiceIsDeliveredOnTheThirdAttempt() throws Exception {
        CrmStubServer.failNext("gen-pushback-1", 2);
        String decisionId = generic("{\"id\":\"gen-pushback-1\"}", "pushback-delivery-1").when().post("/webhooks/generic")
                .then().statusCode(200).extract().path("decision.decisionId");

        awaitPushback(decisionId, "DELIVERED");
        given().when().get("/api/webhooks/decisions/" + decisionId + "/pushback").then().statusCode(200)
                .body("target", equalTo("generic")).body("attempts", equalTo(3))
                .body("deliveredAt", notNullValue()).body("$", not(hasKey("lastError")));
        List<CrmStubServer.Call> calls = callsMentioning(decisionId);
        assertEquals(3, calls.size(), "two failures and one success");
        // Nothing is sent after the success: checked over 2.5 s, several outbox passes.
        await("nothing is sent after the success").during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .until(() -> callsMentioning(decisionId).size(), equalTo(3));
        // The callback is signed like the deliveries, so the sender can check it.
        CrmStubServer.Call delivered = calls.get(2);
        assertTrue(delivered.signature().startsWith("sha256="));

        // Ops see deliveries, retries and the backlog in the metrics.
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("leadrouter_webhook_deliveries_total{outcome=\"routed\",source=\"generic\"}"), metrics);
        assertTrue(metrics.contains("leadrouter_pushback_attempts_total{outcome=\"retry\"}"), "retries counted");
        assertTrue(metrics.contains("leadrouter_pushback_attempts_total{outcome=\"delivered\"}"), "deliveries counted");
        assertTrue(metrics.contains("leadrouter_pushback_backlog "), "backlog gauge exported");
    }

    @Test
    void hubSpotAndSalesforceOwnersArePatchedWithTheMappedOwnerId() throws Exception {
        // The example rules route the HubSpot lead (made Japanese here) to APAC (hiro.tanaka) and the Salesforce lead (US-CA,
        // enterprise) to North America West (emily.chen); the test profile maps both reps to CRM owner ids.
        String hubSpotBody = sample("hubspot-workflow.json").replace("52", "53").replace("\"CN\"", "\"JP\"");
        CrmStubServer.failNext("/crm/v3/objects/contacts/53", 1);
        String hubSpotDecision = hubSpot(hubSpotBody).when().post("/webhooks/hubspot").then().statusCode(200)
                .body("deliveries[0].decision.assignee.id", equalTo("hiro.tanaka"))
                .extract().path("deliveries[0].decision.decisionId");
        awaitPushback(hubSpotDecision, "DELIVERED");
        List<CrmStubServer.Call> patches = CrmStubServer.callsTo("/crm/v3/objects/contacts/53").stream()
                .filter(c -> c.method().equals("PATCH")).toList();
        assertEquals(2, patches.size(), "one failure, then the delivery");
        assertEquals("Bearer dev-hubspot-token", patches.get(1).authorization());
        assertEquals("{\"properties\":{\"hubspot_owner_id\":\"12345678\"}}", patches.get(1).body());

        String salesforceBody = sample("salesforce-outbound.xml").replace("SFTEST", "PBTEST").replace("SFLEAD", "PBLEAD");
        given().contentType("text/xml").body(salesforceBody).when().post("/webhooks/salesforce").then().statusCode(200);
        String salesforceDecision = given().queryParam("leadId", "00Q5e00000PBLEAD1AAA").when().get("/api/decisions")
                .then().body("items[0].assignee.id", equalTo("emily.chen"))
                .extract().path("items[0].decisionId");
        awaitPushback(salesforceDecision, "DELIVERED");
        CrmStubServer.Call patch = CrmStubServer.callsTo("/services/data/v60.0/sobjects/Lead/00Q5e00000PBLEAD1AAA").get(0);
        assertEquals("PATCH", patch.method());
        assertEquals("Bearer dev-salesforce-token", patch.authorization());
        assertEquals("{\"OwnerId\":\"0055e000000OWNERAAA\"}", patch.body());
    }

    /**
     * Simulated outage, and honest about it: a test-only {@link WebhookInbox} whose outbox write throws the exception
     * Hibernate raises for a lost connection, after the inbox row and the decision were written in the transaction.
     */
    @Test
    void databaseFailingMidDeliveryAnswers503AndLeavesNothingHalfWritten() {
        QuarkusMock.installMockForType(new WebhookInbox() {
            @Override
            public void recordPushback(PushbackEntity pushback) {
                throw new JDBCConnectionException("simulated: connection lost",
                        new SQLException("Connection refused", "08001"));
            }
        }, WebhookInbox.class);

        generic("{\"id\":\"gen-db-down\"}", "db-down-1").when().post("/webhooks/generic")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "30")
                .body("title", equalTo("Storage unavailable"))
                .body("detail", containsString("not routed"))
                .body(not(containsString("simulated")));
        given().contentType("text/xml").body(sample("salesforce-outbound.xml").replace("SFTEST", "DBTEST")
                        .replace("SFLEAD", "DBLEAD")).when().post("/webhooks/salesforce")
                .then().statusCode(503).body(containsString("soapenv:Server")).body(not(containsString("<Ack>")));

        given().queryParam("leadId", "gen-db-down").when().get("/api/decisions").then().body("totalItems", equalTo(0));
        given().queryParam("leadId", "00Q5e00000DBLEAD1AAA").when().get("/api/decisions").then().body("totalItems", equalTo(0));
        assertEquals(0L, WebhookResourcesTest.inboxRowsFor("gen-db-down"));
        assertEquals(0L, WebhookResourcesTest.inboxRowsFor("00Q5e00000DBLEAD1AAA"));
    }

    private static void awaitPushback(String decisionId, String status) {
        await("push-back of " + decisionId).atMost(Duration.ofSeconds(20)).until(() -> given().when()
                .get("/api/webhooks/decisions/" + decisionId + "/pushback").then().statusCode(200)
                .extract().<String>path("status"), equalTo(status));
    }

    private static List<CrmStubServer.Call> callsMentioning(String decisionId) {
        return CrmStubServer.CALLS.stream().filter(c -> c.body().contains(decisionId)).collect(Collectors.toList());
    }

}
