package io.leadrouter.webhook;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.leadrouter.webhook.WebhookSigning.generic;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 item 1 for webhooks: a delivery whose rule takes its time holds no database connection while the rule
 * runs. With a pool of three connections and five such deliveries in flight, health stays UP and a plain read answers;
 * before, each delivery's transaction held a connection through the evaluation and the pool was exhausted.
 */
@QuarkusTest
@TestProfile(WebhookRuleEvaluationConnectionTest.SlowRules.class)
@TestSecurity(user = "test-admin", roles = "admin")
class WebhookRuleEvaluationConnectionTest {

    /** Blocks 4 s (sleeping, so it costs no CPU and the measurement is about connections), inside the 10 s budget. */
    static final String RULES = """
            package t;
            import io.leadrouter.domain.*;
            global Routing routing;

            rule "SLOW-1 takes its time"
            when
                Lead(id str[startsWith] "slow")
            then
                Thread.sleep(4000);
                routing.routeToQueue("Slow");
            end
            """;

    static final int DELIVERIES = 5;

    public static class SlowRules implements QuarkusTestProfile {
        static final Path ROOT = create();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("routing.rules-dir", ROOT.resolve("rules").toString(),
                    "routing.decision-tables-dir", ROOT.resolve("decision-tables").toString(),
                    "routing.rules.evaluation-timeout", "10s",
                    "routing.rules.evaluation-threads", Integer.toString(DELIVERIES),
                    "quarkus.datasource.jdbc.max-size", "3",
                    "quarkus.datasource.jdbc.min-size", "0",
                    "quarkus.datasource.jdbc.acquisition-timeout", "3s",
                    "quarkus.datasource.jdbc.enable-metrics", "true");
        }

        private static Path create() {
            try {
                Path root = Files.createTempDirectory("lead-router-webhook-slow-");
                Files.createDirectories(root.resolve("rules"));
                Files.createDirectories(root.resolve("decision-tables"));
                Files.writeString(root.resolve("rules/slow.drl"), RULES);
                return root;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    AgroalDataSource dataSource;

    /** Rule evaluation threads whose stack is in the SLOW-1 consequence (package t): the deliveries inside the rule. */
    static long evaluationsInsideTheSlowRule() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("rule-evaluation-"))
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(frame -> frame.getClassName().startsWith("t.Rule_")))
                .count();
    }

    @Test
    void slowRulesBehindWebhooksHoldNoConnection() throws Exception {
        given().when().get("/api/reps").then().statusCode(200); // warms up the client
        ExecutorService senders = Executors.newFixedThreadPool(DELIVERIES);
        try {
            List<CompletableFuture<Response>> deliveries = new ArrayList<>();
            for (int i = 0; i < DELIVERIES; i++) {
                String body = "{\"id\":\"slow-" + i + "\",\"country\":\"DE\"}";
                String deliveryId = "slow-delivery-" + i;
                deliveries.add(CompletableFuture.supplyAsync(
                        () -> generic(body, deliveryId).when().post("/webhooks/generic"), senders));
            }
            // Every delivery is inside its rule now (4 s each); before the fix, three held every connection and a
            // read waited for one past the 3 s acquisition timeout.
            await("every delivery sleeping in SLOW-1").atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                    .until(WebhookRuleEvaluationConnectionTest::evaluationsInsideTheSlowRule, equalTo((long) DELIVERIES));
            long started = System.nanoTime();
            given().when().get("/api/reps").then().statusCode(200);
            given().when().get("/q/health/ready").then().statusCode(200);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis < 2500, "the read and health check waited " + tookMillis + " ms for a connection");
            assertTrue(deliveries.stream().noneMatch(CompletableFuture::isDone), "the rules were still running");
            assertEquals(0L, dataSource.getMetrics().activeCount(), "no connection is held while rules run");

            for (int i = 0; i < DELIVERIES; i++) {
                Response answer = deliveries.get(i).get();
                assertEquals(200, answer.statusCode(), answer.asString());
                assertEquals("Slow", answer.path("decision.queue"));
                assertEquals(false, answer.path("duplicate"));
            }
        } finally {
            senders.shutdownNow();
        }
        // The delivery was stored with its decision (one transaction after the evaluation), and a retry replays it.
        generic("{\"id\":\"slow-0\",\"country\":\"DE\"}", "slow-delivery-0").when().post("/webhooks/generic")
                .then().statusCode(200).body("duplicate", equalTo(true)).body("decision.queue", equalTo("Slow"));
        given().queryParam("leadId", "slow-0").when().get("/api/decisions").then().statusCode(200)
                .body("totalItems", equalTo(1));
    }
}
