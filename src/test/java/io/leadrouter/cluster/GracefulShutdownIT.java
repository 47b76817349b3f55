package io.leadrouter.cluster;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graceful shutdown under load (issue 12 item 4): one packaged instance in the production profile on a fresh
 * PostgreSQL database gets SIGTERM while 12 clients keep routes and signed webhooks in flight (all into one round-robin
 * pool, so requests queue on its row lock) and while it holds a push-back claim the stub CRM never answers. Every
 * request is sent on its own connection ({@code Connection: close}) so each outcome is unambiguous: an answer, a refused
 * connection, or a connection closed without an answer.
 *
 * <p>Asserts: requests were in flight at the SIGTERM and some were answered 200 after it (the drain); every request
 * written before the SIGTERM was answered; every answer is a 200 or a 503; each lead answered 200 has exactly one stored
 * decision and each lead not answered 200 has none; afterwards no push-back waits for a lease (the claim was given
 * back). Runs in {@code ./mvnw verify} with LEADROUTER_TEST_POSTGRES_URL set, like {@link ClusterTwoInstancesIT}.
 */
@EnabledIfEnvironmentVariable(named = "LEADROUTER_TEST_POSTGRES_URL", matches = ".+")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GracefulShutdownIT {

    private static final String ADMIN = "it-admin-password";
    private static final String CRM = "it-crm-password";
    private static final String WEBHOOK_SECRET = "it-generic-webhook-secret";
    private static final int CLIENTS = 12;
    /** Routes answered before the SIGTERM: the JIT and the connection pool are warm, the pool lock is contended. */
    private static final int ANSWERED_BEFORE_STOP = 40;
    private static final String RULES = """
            package io.leadrouter.rules;

            import io.leadrouter.domain.*;

            global io.leadrouter.domain.Routing routing;

            rule "DRAIN-1 Every lead → team Drain, round robin"
                salience 0
                activation-group "assignment"
            when
                Lead()
            then
                routing.assignToTeam("Drain", "ROUND_ROBIN");
            end
            """;

    /** One request and what became of it; times are System.nanoTime(). */
    record Outcome(String kind, String leadId, long started, long written, long finished, int status,
                   boolean retryAfter, String failure) {

        boolean writtenBefore(long instant) {
            return written > 0 && written < instant;
        }
    }

    private final ClusterDatabase database = new ClusterDatabase(System.getenv("LEADROUTER_TEST_POSTGRES_URL"),
            System.getenv("LEADROUTER_TEST_POSTGRES_USER"), System.getenv("LEADROUTER_TEST_POSTGRES_PASSWORD"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String jdbcUrl;
    private CallbackStub crm;
    private Instance instance;

    @RegisterExtension
    final TestWatcher printLogOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (instance != null) {
                instance.printLog();
            }
        }
    };

    @BeforeAll
    void start() throws Exception {
        Path work = Files.createTempDirectory("leadrouter-drain-it");
        crm = new CallbackStub();
        jdbcUrl = database.createFresh();
        instance = Instance.start("drain", work, jdbcUrl, database, RULES, Map.of(
                "LEADROUTER_ADMIN_PASSWORD", ADMIN,
                "LEADROUTER_OPS_PASSWORD", "it-ops-password",
                "LEADROUTER_CRM_PASSWORD", CRM,
                "LEADROUTER_CRM_API_KEY", "it-crm-api-key",
                "LEADROUTER_SESSION_KEY", "it-console-session-key-of-32-chars-at-least",
                "LEADROUTER_GENERIC_WEBHOOK_SECRET", WEBHOOK_SECRET), List.of(
                "routing.webhooks.generic.callback-url=" + crm.callbackUrl("drain"),
                "routing.webhooks.pushback.poll-every=1s",
                "routing.webhooks.pushback.timeout=PT60S",
                // Far longer than the test: a claim left at the stop would still be held when the test looks.
                "routing.webhooks.pushback.lease=PT10M"));
        try {
            instance.awaitReady(http, Duration.ofSeconds(90));
            for (int r = 1; r <= 3; r++) {
                Outcome created = post("rep", "/api/reps", "admin:" + ADMIN, """
                        {"id": "rep-d%d", "name": "Rep %d", "email": "rep-d%d@example.com", "team": "Drain", \
                        "territories": ["*"]}""".formatted(r, r, r), Map.of());
                assertEquals(201, created.status(), created.toString());
            }
        } catch (Throwable e) {
            instance.printLog();
            throw e;
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (instance != null) {
            instance.stop();
        }
        if (crm != null) {
            crm.close();
        }
        database.dropFresh();
    }

    @Test
    void sigtermDrainsRequestsInFlightStoresEachAnsweredLeadOnceAndLeavesNoClaimHeld() throws Exception {
        // A push-back the CRM never answers: the instance holds its claim when the SIGTERM comes.
        crm.holdFirstPushbackOf("drain-held-1");
        Outcome held = webhook("drain-held-1", "drain-delivery-held");
        assertEquals(200, held.status(), held.toString());
        assertEquals("drain", crm.heldBy().get(30, TimeUnit.SECONDS));

        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong counter = new AtomicLong();
        AtomicBoolean gone = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                while (!gone.get()) {
                    long n = counter.incrementAndGet();
                    inFlight.incrementAndGet();
                    Outcome outcome;
                    try {
                        outcome = n % 4 == 0 ? webhook("drain-hook-" + n, "drain-delivery-" + n)
                                : post("route", "/api/route", "crm:" + CRM, """
                                {"id": "drain-lead-%d", "email": "lead%d@company%d.example"}""".formatted(n, n, n),
                                Map.of());
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    outcomes.add(outcome);
                    if (outcome.status() == 200) {
                        answered.incrementAndGet();
                    }
                    if ("refused".equals(outcome.failure())) {
                        gone.set(true);
                    }
                }
                return null;
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answered.get() < ANSWERED_BEFORE_STOP && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(answered.get() >= ANSWERED_BEFORE_STOP, "only " + answered.get() + " answered in 30 s");

        long sigterm = System.nanoTime();
        int inFlightAtStop = inFlight.get();
        int exit = instance.stop();
        long stopped = System.nanoTime();
        gone.set(true);
        clients.shutdown();
        assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS), "clients did not finish");

        List<Outcome> all = new ArrayList<>(outcomes);
        long answeredAfterStop = all.stream().filter(o -> o.status() == 200 && o.finished() > sigterm).count();
        Map<String, Long> byResult = new java.util.TreeMap<>();
        all.forEach(o -> byResult.merge((o.writtenBefore(sigterm) ? "before SIGTERM " : "after SIGTERM ")
                + (o.status() > 0 ? "HTTP " + o.status() + (o.retryAfter() ? " Retry-After" : "") : o.failure()),
                1L, Long::sum));
        System.out.printf(Locale.ROOT, "SIGTERM with %d requests in flight; stopped in %d ms (exit %d); %d answered "
                        + "200 after the SIGTERM; outcomes: %s%n", inFlightAtStop, (stopped - sigterm) / 1_000_000, exit,
                answeredAfterStop, byResult);

        assertTrue(inFlightAtStop > 0, "nothing was in flight at the SIGTERM");
        assertTrue(answeredAfterStop > 0, "no request in flight at the SIGTERM was answered after it: nothing drained");
        for (Outcome o : all) {
            if (o.writtenBefore(sigterm)) {
                assertTrue(o.status() > 0, "a request sent before the SIGTERM got no answer: " + o);
            }
            if (o.status() > 0) {
                assertTrue(o.status() == 200 || o.status() == 503, "neither 200 nor 503: " + o);
            }
        }

        Map<String, Integer> stored = decisionsPerLead();
        for (Outcome o : all) {
            int expected = o.status() == 200 ? 1 : 0;
            assertEquals(expected, stored.getOrDefault(o.leadId(), 0), "decisions stored for " + o);
        }
        long routedOk = all.stream().filter(o -> o.status() == 200).count() + 1; // + the held push-back's lead
        assertEquals(routedOk, stored.values().stream().mapToLong(Integer::longValue).sum(),
                "decisions for leads no request was answered for");

        List<String> waitingForLease = pushbacksWaitingForALease();
        assertEquals(List.of(), waitingForLease, "push-backs whose claim was not given back at the stop");
        assertTrue(instance.log().contains("claim given back at stop"), "the held claim was given back");
    }

    private Map<String, Integer> decisionsPerLead() throws Exception {
        Map<String, Integer> stored = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, database.user(), database.password());
             ResultSet rows = connection.createStatement().executeQuery(
                     "select lead_id, count(*) from decision group by lead_id")) {
            while (rows.next()) {
                stored.put(rows.getString(1), rows.getInt(2));
            }
        }
        return stored;
    }

    /** Pending push-backs not due for more than a minute: only a claim (the 10-minute lease) puts them there. */
    private List<String> pushbacksWaitingForALease() throws Exception {
        List<String> waiting = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, database.user(), database.password());
             PreparedStatement query = connection.prepareStatement("select id, crm_record_id, next_attempt_at from "
                     + "pushback where status = 'PENDING' and next_attempt_at > ?")) {
            query.setTimestamp(1, Timestamp.from(Instant.now().plus(Duration.ofMinutes(1))));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    waiting.add(rows.getString(2) + " due " + rows.getTimestamp(3).toInstant());
                }
            }
        }
        return waiting;
    }

    private Outcome webhook(String leadId, String deliveryId) {
        String body = "{\"id\": \"%s\", \"email\": \"%s@hook.example\"}".formatted(leadId, leadId);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature = "sha256=" + HexFormat.of().formatHex(hmac(timestamp + "." + body));
        return post("webhook", "/webhooks/generic", null, body, Map.of("X-Timestamp", timestamp,
                "X-Signature", signature, "X-Delivery-Id", deliveryId));
    }

    /** One request on its own connection; never throws. */
    private Outcome post(String kind, String path, String user, String body, Map<String, String> headers) {
        String leadId = body.contains("\"id\": \"") ? body.split("\"id\": \"")[1].split("\"")[0] : null;
        long started = System.nanoTime();
        long written = 0;
        int port = instance.uri("/").getPort();
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            } catch (ConnectException refused) {
                return new Outcome(kind, leadId, started, 0, System.nanoTime(), 0, false, "refused");
            }
            socket.setSoTimeout(60_000);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + content.length
                    + "\r\n");
            if (user != null) {
                request.append("Authorization: Basic ").append(Base64.getEncoder().encodeToString(
                        user.getBytes(StandardCharsets.UTF_8))).append("\r\n");
            }
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            written = System.nanoTime();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 ")) {
                return new Outcome(kind, leadId, started, written, System.nanoTime(), 0, false,
                        text.isEmpty() ? "closed without an answer" : "not HTTP: " + text);
            }
            int status = Integer.parseInt(text.substring(9, 12));
            String head = text.substring(0, Math.max(0, text.indexOf("\r\n\r\n"))).toLowerCase(Locale.ROOT);
            return new Outcome(kind, leadId, started, written, System.nanoTime(), status, head.contains("\r\nretry-after:"),
                    null);
        } catch (IOException e) {
            return new Outcome(kind, leadId, started, written, System.nanoTime(), 0, false,
                    (written == 0 ? "reset while sending (" : "closed without an answer (") + e.getClass().getSimpleName()
                            + ")");
        }
    }

    private static byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
