package io.leadrouter.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The generic CRM callback both instances push decisions back to, each on its own path ({@code /a/callback},
 * {@code /b/callback}) so the stub knows which instance sent what. Answers 200 and records it, except the first
 * push-back of the lead it is told to hold: that request is never answered (a CRM that hangs while the instance
 * holding the claim is stopped).
 */
final class CallbackStub implements AutoCloseable {

    /** A push-back the stub answered 200. */
    record Answered(String instance, String decisionId, String leadId) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Answered> answered = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CompletableFuture<String> heldBy = new CompletableFuture<>();
    private volatile String leadToHold;

    CallbackStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String callbackUrl(String instance) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + instance + "/callback";
    }

    /** The first push-back for {@code leadId} is held unanswered; {@link #heldBy()} completes with its sender. */
    void holdFirstPushbackOf(String leadId) {
        leadToHold = leadId;
    }

    CompletableFuture<String> heldBy() {
        return heldBy;
    }

    List<Answered> answeredFor(String decisionId) {
        return answered.stream().filter(a -> a.decisionId().equals(decisionId)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = json.readTree(in.readAllBytes());
        }
        String instance = exchange.getRequestURI().getPath().split("/")[1];
        String leadId = body.path("leadId").asText();
        if (leadId.equals(leadToHold) && heldBy.complete(instance)) {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        answered.add(new Answered(instance, body.path("decisionId").asText(), leadId));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
