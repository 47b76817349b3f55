package io.leadrouter.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the CRMs (JDK HttpServer on a free port): answers HubSpot contact look-ups from
 * {@code src/test/resources/webhooks/hubspot-contact-*.json}, records every call, and fails the first N calls to a path
 * when told to. State is static: the server is one per test JVM, started by Quarkus before the application.
 *
 * <p>Only the test classes that talk to it get it, through {@link CrmStubProfile}; no other test's application
 * is pointed here. Those others send no HubSpot webhook and have no callback URL, so their CRM clients, left at their
 * defaults, are never called.
 */
public class CrmStubServer implements QuarkusTestResourceLifecycleManager {

    public record Call(String method, String path, String authorization, String signature, String body) {
    }

    static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();
    private static HttpServer server;

    /** The next {@code times} calls whose path or body contains {@code match} answer 503. */
    static void failNext(String match, int times) {
        FAILURES_LEFT.put(match, new AtomicInteger(times));
    }

    static List<Call> callsTo(String path) {
        return CALLS.stream().filter(c -> c.path().equals(path)).toList();
    }

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", CrmStubServer::handle);
            server.start();
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("routing.webhooks.hubspot.api-base-url", base,
                "routing.webhooks.salesforce.instance-url", base,
                "routing.webhooks.generic.callback-url", base + "/callback");
    }

    @Override
    public synchronized void stop() {
        // Kept for the whole JVM: several test classes share one application start.
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        CALLS.add(new Call(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Signature"), body));
        for (Map.Entry<String, AtomicInteger> failure : FAILURES_LEFT.entrySet()) {
            if ((path.contains(failure.getKey()) || body.contains(failure.getKey()))
                    && failure.getValue().getAndDecrement() > 0) {
                respond(exchange, 503, "{\"message\":\"try later\"}");
                return;
            }
        }
        if (exchange.getRequestMethod().equals("GET") && path.startsWith("/crm/v3/objects/contacts/")) {
            String id = path.substring("/crm/v3/objects/contacts/".length());
            try (InputStream recorded = CrmStubServer.class.getResourceAsStream("/webhooks/hubspot-contact-" + id + ".json")) {
                if (recorded == null) {
                    respond(exchange, 404, "{\"status\":\"error\",\"message\":\"Object not found\"}");
                } else {
                    respond(exchange, 200, new String(recorded.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return;
        }
        if (exchange.getRequestMethod().equals("PATCH") && path.startsWith("/services/data/")) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        respond(exchange, 200, "{\"ok\":true}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
