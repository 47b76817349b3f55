package io.leadrouter.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real instances of the packaged application (target/quarkus-app/quarkus-run.jar), started as child processes in
 * the production profile on one fresh PostgreSQL database, each with its own rule directories (docs/cluster.md).
 * Runs in {@code ./mvnw verify} with the {@code postgresql} profile (LEADROUTER_TEST_POSTGRES_URL set, as .ci/run does).
 * The tests run in order on the same two instances: rule changes first, then routing, then the last test stops one.
 */
@EnabledIfEnvironmentVariable(named = "LEADROUTER_TEST_POSTGRES_URL", matches = ".+")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTwoInstancesIT {

    /** Poll interval (production default 2 s) + a compile on a loaded CI machine: the stated bound is 15 s. */
    private static final Duration UPLOAD_SERVED_WITHIN = Duration.ofSeconds(15);
    /** Far longer than the test waits: a push-back sent soon after the stop was given back, not left to expire. */
    private static final String PUSHBACK_LEASE = "PT10M";
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
    private CallbackStub crm;
    private Instance a;
    private Instance b;
    /** The version the upload test published (sequence 2 after the start-up version 1). */
    private String uploaded;

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
        crm = new CallbackStub();
        String jdbcUrl = database.createFresh();
        try {
            // One after the other: the first migrates the schema and publishes the rules, the second adopts them.
            a = Instance.start("a", work, jdbcUrl, database, BASE_RULES, environment(), properties("a"));
            a.awaitReady(http, Duration.ofSeconds(90));
            b = Instance.start("b", work, jdbcUrl, database, BASE_RULES, environment(), properties("b"));
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
        if (crm != null) {
            crm.close();
        }
        database.dropFresh();
    }

    @Test
    @Order(1)
    void anUploadThroughAIsServedByBWithinTheStatedTime() throws Exception {
        HttpResponse<String> upload = send(a, "PUT", "/api/rules/files/rules/webinar.drl", ADMIN_USER, UPLOADED_RULES,
                "text/plain");
        assertEquals(200, upload.statusCode(), upload.body());
        uploaded = json.readTree(upload.body()).path("id").asText();
        awaitServing(b, uploaded, "uploaded through A");

        JsonNode dryRun = json.readTree(send(b, "POST", "/api/route?dryRun=true", CRM_USER, """
                {"id": "webinar-1", "email": "lin@example.com", "source": "Webinar"}""", "application/json").body());
        assertEquals("Webinar follow-up", dryRun.path("queue").asText(), dryRun.toString());
        assertEquals(uploaded, dryRun.path("rulesVersion").asText());
        assertEquals("CLUSTER-2 Uploaded through A: webinar leads → queue Webinar follow-up",
                dryRun.path("matchedRules").path(0).path("name").asText());
    }

    @Test
    @Order(2)
    void aRollbackThroughBIsServedByA() throws Exception {
        HttpResponse<String> rollback = send(b, "POST", "/api/rules/versions/1/activate", ADMIN_USER, null, null);
        assertEquals(200, rollback.statusCode(), rollback.body());
        String rolledBack = json.readTree(rollback.body()).path("id").asText();
        assertTrue(!rolledBack.equals(uploaded), "the rollback is a new version: " + rolledBack);
        awaitServing(a, rolledBack, "rolled back through B");

        JsonNode dryRun = json.readTree(send(a, "POST", "/api/route?dryRun=true", CRM_USER, """
                {"id": "webinar-2", "email": "kim@example.com", "source": "Webinar"}""", "application/json").body());
        assertEquals(rolledBack, dryRun.path("rulesVersion").asText());
        assertEquals("CLUSTER-1 Every lead → team Cluster, round robin",
                dryRun.path("matchedRules").path(0).path("name").asText(), "the webinar rule is gone: " + dryRun);
        assertTrue(Files.notExists(work.resolve("a/rules/webinar.drl")), "A's rule directory follows the rollback");
    }

    @Test
    @Order(3)
    void aBrokenUploadIsReportedAndLeavesBothOnOneVersion() throws Exception {
        String before = json.readTree(send(a, "GET", "/api/rules", ADMIN_USER, null, null).body())
                .path("active").path("id").asText();
        HttpResponse<String> broken = send(a, "PUT", "/api/rules/files/rules/broken.drl", ADMIN_USER, """
                package io.leadrouter.rules;
                rule "BROKEN-1" when NoSuchFact() then end
                """, "text/plain");
        assertEquals(422, broken.statusCode(), broken.body());
        assertTrue(json.readTree(broken.body()).path("errors").path(0).path("file").asText()
                .equals("rules/broken.drl"), broken.body());

        // Nothing was published: both serve the version from before, neither is behind, and A says what failed.
        for (Instance instance : new Instance[]{a, b}) {
            JsonNode status = json.readTree(send(instance, "GET", "/api/rules", ADMIN_USER, null, null).body());
            assertEquals(before, status.path("active").path("id").asText(), instance.name() + ": " + status);
            assertEquals(before, status.path("cluster").path("activeVersion").asText(), instance.name());
            assertEquals(false, status.path("cluster").path("behind").asBoolean(true), instance.name());
        }
        JsonNode onA = json.readTree(send(a, "GET", "/api/rules", ADMIN_USER, null, null).body());
        assertEquals("failure", onA.path("lastAttempt").path("outcome").asText(), onA.toString());
        assertTrue(Files.notExists(work.resolve("a/rules/broken.drl")), "a refused upload is not written");
    }

    @Test
    @Order(5)
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
    @Order(4)
    void theSameWebhookDeliveredToAAndBAtOnceGivesOneDecision() throws Exception {
        String body = "{\"id\": \"hook-lead-1\", \"email\": \"grace@example.com\"}";
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature = "sha256=" + HexFormat.of().formatHex(hmac(timestamp + "." + body));
        Callable<HttpResponse<String>> toA = () -> webhook(a, body, timestamp, signature, "cluster-delivery-1");
        Callable<HttpResponse<String>> toB = () -> webhook(b, body, timestamp, signature, "cluster-delivery-1");
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

    /**
     * The instance that claimed a push-back is stopped (SIGTERM) while the CRM has not answered it: it gives the claim
     * back, and the other instance sends it at its next poll, long before the lease ends; the CRM gets it answered
     * once, and the attempt of the stopped instance is not counted.
     */
    /**
     * Each instance routes from an in-memory roster: a rep added through A is a candidate in B's next routes within the
     * poll interval (the change version travels through the database), and so is their removal.
     */
    @Test
    @Order(6)
    void aRosterEditOnAIsSeenByBsNextRoute() throws Exception {
        HttpResponse<String> created = send(a, "POST", "/api/reps", ADMIN_USER, """
                {"id": "rep-c6", "name": "rep-c6", "email": "rep-c6@example.com", "team": "Cluster", "territories": ["*"]}
                """, "application/json");
        assertEquals(201, created.statusCode(), created.body());
        long added = System.nanoTime();
        awaitCandidateOnB("rep-c6", true);
        long seen = System.nanoTime();

        HttpResponse<String> deleted = send(a, "DELETE", "/api/reps/rep-c6", ADMIN_USER, null, null);
        assertTrue(deleted.statusCode() / 100 == 2, deleted.statusCode() + " " + deleted.body());
        long removed = System.nanoTime();
        awaitCandidateOnB("rep-c6", false);
        System.out.printf("A roster edit on A reached B's routes: a new rep after %d ms, its removal after %d ms%n",
                (seen - added) / 1_000_000, (System.nanoTime() - removed) / 1_000_000);
    }

    private void awaitCandidateOnB(String rep, boolean listed) {
        String lead = "{\"id\": \"roster-probe\", \"email\": \"probe@company.example\"}";
        await("B's dry run " + (listed ? "listing " : "no longer listing ") + rep).atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> json.readTree(send(b, "POST", "/api/route?dryRun=true", CRM_USER, lead,
                        "application/json").body()), answer -> {
                    boolean found = false;
                    for (JsonNode candidate : answer.path("explanation").path("candidates")) {
                        found |= rep.equals(candidate.path("repId").asText());
                    }
                    return found == listed;
                });
    }

    @Test
    @Order(7)
    void stoppingTheInstanceHoldingAPushbackClaimLetsTheOtherSendItAtOnce() throws Exception {
        crm.holdFirstPushbackOf("held-lead-1");
        String body = "{\"id\": \"held-lead-1\", \"email\": \"ada@held-company.example\"}";
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature = "sha256=" + HexFormat.of().formatHex(hmac(timestamp + "." + body));
        HttpResponse<String> delivered = webhook(a, body, timestamp, signature, "cluster-delivery-2");
        assertEquals(200, delivered.statusCode(), delivered.body());
        String decision = json.readTree(delivered.body()).path("decision").path("decisionId").asText();

        String holderName = crm.heldBy().get(30, TimeUnit.SECONDS);
        Instance holder = holderName.equals("a") ? a : b;
        Instance other = holder == a ? b : a;
        long stopping = System.nanoTime();
        int exit = holder.stop();
        long stopped = System.nanoTime();

        JsonNode pushback = await("push-back of " + decision + " delivered by " + other.name())
                .atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> json.readTree(send(other, "GET", "/api/webhooks/decisions/" + decision + "/pushback",
                        ADMIN_USER, null, null).body()), status -> "DELIVERED".equals(status.path("status").asText()));
        long sent = System.nanoTime();
        System.out.printf("Push-back held by %s: %s stopped in %d ms (exit %d), %s sent it %d ms later: %s%n",
                holder.name(), holder.name(), (stopped - stopping) / 1_000_000, exit, other.name(),
                (sent - stopped) / 1_000_000, pushback);
        assertEquals("DELIVERED", pushback.path("status").asText(), pushback.toString());
        assertEquals(1, pushback.path("attempts").asInt(), "the stopped instance's unanswered attempt is not counted");
        assertEquals(List.of(new CallbackStub.Answered(other.name(), decision, "held-lead-1")),
                crm.answeredFor(decision), "answered once, from the instance that took the claim over");
        assertTrue(holder.log().contains("claim given back at stop"), "the stopped instance says it gave it back");
    }

    private void awaitServing(Instance instance, String version, String how) {
        long start = System.nanoTime();
        boolean[] behindShown = {false};
        await(instance.name() + " serving " + version).atMost(UPLOAD_SERVED_WITHIN).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> json.readTree(send(instance, "GET", "/api/rules", ADMIN_USER, null, null).body()), status -> {
                    if (!version.equals(status.path("active").path("id").asText())) {
                        // The version is recorded before the change answers: until it serves here, this instance
                        // says so (an assertion failing here fails the wait at once).
                        assertEquals(version, status.path("cluster").path("activeVersion").asText(), status.toString());
                        assertEquals(true, status.path("cluster").path("behind").asBoolean(), status.toString());
                        if (!behindShown[0]) {
                            behindShown[0] = true;
                            System.out.printf("While behind, %s answers GET /api/rules with \"cluster\":%s%n",
                                    instance.name(), status.path("cluster"));
                        }
                        return false;
                    }
                    assertEquals(version, status.path("cluster").path("activeVersion").asText());
                    assertEquals(false, status.path("cluster").path("behind").asBoolean(true));
                    return true;
                });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("Version %s %s served by %s after %d ms%n", version, how, instance.name(), took.toMillis());
    }

    private HttpResponse<String> webhook(Instance instance, String body, String timestamp, String signature,
                                         String deliveryId) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(instance.uri("/webhooks/generic"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("X-Timestamp", timestamp)
                        .header("X-Signature", signature)
                        .header("X-Delivery-Id", deliveryId)
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

    /**
     * Push-backs to this instance's path on the stub CRM, polled every second; a call may take a minute (the stub
     * holds one), the lease is ten.
     */
    private List<String> properties(String instance) {
        return List.of(
                "routing.webhooks.generic.callback-url=" + crm.callbackUrl(instance),
                "routing.webhooks.pushback.poll-every=1s",
                "routing.webhooks.pushback.timeout=PT60S",
                "routing.webhooks.pushback.lease=" + PUSHBACK_LEASE);
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
