package io.leadrouter.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real instances of the packaged application (target/quarkus-app/quarkus-run.jar), started as child processes in
 * the production profile on one fresh PostgreSQL database, each with its own rule directories (docs/cluster.md).
 * Runs in {@code ./mvnw verify} with the {@code postgresql} profile (LEADROUTER_TEST_POSTGRES_URL set, as .ci/run does).
 */
@EnabledIfEnvironmentVariable(named = "LEADROUTER_TEST_POSTGRES_URL", matches = ".+")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTwoInstancesIT {

    /** Poll interval (production default 2 s) + a compile on a loaded CI machine: the stated bound is 15 s. */
    private static final Duration UPLOAD_SERVED_WITHIN = Duration.ofSeconds(15);
    private static final String ADMIN = "it-admin-password";
    private static final String CRM = "it-crm-password";
    private static final String WEBHOOK_SECRET = "it-generic-webhook-secret";
    private static final List<String> REPS = List.of("rep-c1", "rep-c2", "rep-c3", "rep-c4", "rep-c5");
    private static final String BASE_RULES = """
            package io.leadrouter.rules;

            import io.leadrouter.domain.*;

            global io.leadrouter.domain.Routing routing;

            rule "CLUSTER-1 Every lead → team Cluster, round robin"
                salience 0
                activation-group "assignment"
            when
                Lead()
            then
                routing.assignToTeam("Cluster", "ROUND_ROBIN");
            end
            """;
    private static final String UPLOADED_RULES = """
            package io.leadrouter.rules;

            import io.leadrouter.domain.*;

            global io.leadrouter.domain.Routing routing;

            rule "CLUSTER-2 Uploaded through A: webinar leads → queue Webinar follow-up"
                salience 10
                activation-group "assignment"
            when
                Lead(source == "Webinar")
            then
                routing.routeToQueue("Webinar follow-up");
            end
            """;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ClusterDatabase database = new ClusterDatabase(System.getenv("LEADROUTER_TEST_POSTGRES_URL"),
            System.getenv("LEADROUTER_TEST_POSTGRES_USER"), System.getenv("LEADROUTER_TEST_POSTGRES_PASSWORD"));
    private Path work;
    private Instance a;
    private Instance b;

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            printLogs();
        }
    };

    @BeforeAll
    void startTwoInstances() throws Exception {
        work = Files.createTempDirectory("leadrouter-cluster-it");
        String jdbcUrl = database.createFresh();
        try {
            // One after the other: the first migrates the schema and publishes the rules, the second adopts them.
            a = Instance.start("a", work, jdbcUrl, database, BASE_RULES, environment());
            a.awaitReady(http, Duration.ofSeconds(90));
            b = Instance.start("b", work, jdbcUrl, database, BASE_RULES, environment());
            b.awaitReady(http, Duration.ofSeconds(90));
            for (String rep : REPS) {
                HttpResponse<String> created = send(a, "POST", "/api/reps", ADMIN_USER, """
                        {"id": "%s", "name": "%s", "email": "%s@example.com", "team": "Cluster", "territories": ["*"]}
                        """.formatted(rep, rep, rep), "application/json");
                assertEquals(201, created.statusCode(), created.body());
            }
        } catch (Throwable e) {
            printLogs();
            throw e;
        }
    }

    @AfterAll
    void stopBoth() throws Exception {
        for (Instance instance : new Instance[]{a, b}) {
            if (instance != null) {
                instance.stop();
            }
        }
        database.dropFresh();
    }

    @Test
    void anUploadThroughAIsServedByBWithinTheStatedTime() throws Exception {
        HttpResponse<String> upload = send(a, "PUT", "/api/rules/files/rules/webinar.drl", ADMIN_USER, UPLOADED_RULES,
                "text/plain");
        assertEquals(200, upload.statusCode(), upload.body());
        String uploaded = json.readTree(upload.body()).path("id").asText();
        long start = System.nanoTime();

        String servedByB = null;
        while (System.nanoTime() - start < UPLOAD_SERVED_WITHIN.toNanos()) {
            JsonNode status = json.readTree(send(b, "GET", "/api/rules", ADMIN_USER, null, null).body());
            servedByB = status.path("active").path("id").asText();
            if (uploaded.equals(servedByB)) {
                assertEquals(uploaded, status.path("cluster").path("activeVersion").asText());
                assertEquals(false, status.path("cluster").path("behind").asBoolean(true));
                break;
            }
            Thread.sleep(200);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("Version %s uploaded through A served by B after %d ms%n", uploaded, took.toMillis());
        assertEquals(uploaded, servedByB, "B still serves another version after " + took.toMillis() + " ms");

        JsonNode dryRun = json.readTree(send(b, "POST", "/api/route?dryRun=true", CRM_USER, """
                {"id": "webinar-1", "email": "lin@example.com", "source": "Webinar"}""", "application/json").body());
        assertEquals("Webinar follow-up", dryRun.path("queue").asText(), dryRun.toString());
        assertEquals(uploaded, dryRun.path("rulesVersion").asText());
        assertEquals("CLUSTER-2 Uploaded through A: webinar leads → queue Webinar follow-up",
                dryRun.path("matchedRules").path(0).path("name").asText());
    }

    @Test
    void fourHundredConcurrentRoutesOverBothInstancesGiveEveryRepExactlyEighty() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<JsonNode>> routes = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                Instance target = i % 2 == 0 ? a : b;
                String lead = "{\"id\": \"rr-%d\", \"email\": \"lead@company%d.example\"}".formatted(i, i);
                routes.add(clients.submit(() -> {
                    HttpResponse<String> response = send(target, "POST", "/api/route", CRM_USER, lead,
                            "application/json");
                    assertEquals(200, response.statusCode(), response.body());
                    return json.readTree(response.body());
                }));
            }
            Map<String, Integer> perRep = new TreeMap<>();
            for (Future<JsonNode> route : routes) {
                perRep.merge(route.get(60, TimeUnit.SECONDS).path("assignee").path("id").asText("none"), 1,
                        Integer::sum);
            }
            System.out.println("400 routes over A and B, per rep: " + perRep);
            Map<String, Integer> expected = new TreeMap<>();
            REPS.forEach(rep -> expected.put(rep, 80));
            assertEquals(expected, perRep);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void theSameWebhookDeliveredToAAndBAtOnceGivesOneDecision() throws Exception {
        String body = "{\"id\": \"hook-lead-1\", \"email\": \"grace@example.com\"}";
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature = "sha256=" + HexFormat.of().formatHex(hmac(timestamp + "." + body));
        Callable<HttpResponse<String>> toA = () -> webhook(a, body, timestamp, signature);
        Callable<HttpResponse<String>> toB = () -> webhook(b, body, timestamp, signature);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        List<JsonNode> receipts = new ArrayList<>();
        try {
            for (Future<HttpResponse<String>> sent : senders.invokeAll(List.of(toA, toB))) {
                HttpResponse<String> response = sent.get();
                assertEquals(200, response.statusCode(), response.body());
                receipts.add(json.readTree(response.body()));
            }
        } finally {
            senders.shutdownNow();
        }
        System.out.println("The same delivery to A and B at once: " + receipts);
        String decision = receipts.get(0).path("decision").path("decisionId").asText();
        assertEquals(decision, receipts.get(1).path("decision").path("decisionId").asText());
        assertEquals(1, receipts.stream().filter(r -> !r.path("duplicate").asBoolean()).count(),
                "exactly one of the two routed");
        for (Instance instance : new Instance[]{a, b}) {
            JsonNode decisions = json.readTree(send(instance, "GET", "/api/decisions?leadId=hook-lead-1", ADMIN_USER,
                    null, null).body());
            assertEquals(1, decisions.path("totalItems").asInt(), decisions.toString());
        }
    }

    private HttpResponse<String> webhook(Instance instance, String body, String timestamp, String signature)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(instance.uri("/webhooks/generic"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("X-Timestamp", timestamp)
                        .header("X-Signature", signature)
                        .header("X-Delivery-Id", "cluster-delivery-1")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final String ADMIN_USER = "admin:" + ADMIN;
    private static final String CRM_USER = "crm:" + CRM;

    private HttpResponse<String> send(Instance instance, String method, String path, String user, String body,
                                      String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        user.getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Production credentials (none starting with dev-: the production profile refuses those). */
    private static Map<String, String> environment() {
        return Map.of(
                "LEADROUTER_ADMIN_PASSWORD", ADMIN,
                "LEADROUTER_OPS_PASSWORD", "it-ops-password",
                "LEADROUTER_CRM_PASSWORD", CRM,
                "LEADROUTER_CRM_API_KEY", "it-crm-api-key",
                "LEADROUTER_SESSION_KEY", "it-console-session-key-of-32-chars-at-least",
                "LEADROUTER_GENERIC_WEBHOOK_SECRET", WEBHOOK_SECRET);
    }

    private static byte[] hmac(String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private void printLogs() {
        for (Instance instance : new Instance[]{a, b}) {
            if (instance != null) {
                instance.printLog();
            }
        }
    }
}
