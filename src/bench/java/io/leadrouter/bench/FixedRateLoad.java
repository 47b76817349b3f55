package io.leadrouter.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An open-loop load generator, because wrk2 is not packaged in Debian and wrk alone only drives a closed loop.
 * Requests are due at a fixed rate; each latency is measured from when its request was due, not from when it was
 * sent, so a stalled server (or a stalled generator) is charged for every request it held back: no coordinated
 * omission. Loopback only.
 *
 * <pre>FixedRateLoad URL BODY_FILE HEADER_NAME HEADER_VALUE RATE_PER_S SECONDS LABEL OUT.csv [CONNECTIONS [WARMUP_S]]</pre>
 *
 * <p>Built on the Vert.x HTTP client that Quarkus already brings (one event loop, a pool of {@code CONNECTIONS}
 * keep-alive HTTP/1.1 connections, 64 by default): a 1 ms timer on the event loop sends every request whose due time
 * has come, so sending never waits for an answer and a thread per request is never needed. The JDK
 * {@code HttpClient} version of this class reached 515 of 3,493 requests/s on 2 cores shared with the server.
 *
 * <p>A warm-up at the same rate ({@code WARMUP_S}, 3 s by default) runs first and is discarded. The achieved rate is
 * the 2xx answers of the measured phase divided by the time from its first due request to its last answer. If it is
 * below 95 % of the target, or any request failed, the latencies describe the generator's queue rather than the server
 * and are <b>not</b> reported: the CSV line says {@code valid=false} with empty percentiles and the exit status is 3.
 */
public final class FixedRateLoad {

    /**
     * More requests in flight than 5 s worth of the rate (at least 2,000) means the server is far behind: the rest
     * count as failed. Below that a stall is charged as latency to every request it held back.
     */
    private static final int MIN_MAX_IN_FLIGHT = 2_000;
    private static final int MAX_BACKLOG_SECONDS = 5;
    /** Achieved ÷ target below this makes the run invalid. */
    private static final double MIN_ACHIEVED = 0.95;
    private static final long MAX_LATENCY_NS = TimeUnit.SECONDS.toNanos(60);
    static final String HEADER = "label,target_rate,seconds,connections,achieved_rate,ok,failed,valid,p50_ms,p99_ms,p999_ms,max_ms";

    /** What one phase (warm-up or measured) produced; touched only on the event loop. */
    private static final class Phase {
        final Histogram latencies = new Histogram(MAX_LATENCY_NS, 3);
        final CompletableFuture<Void> done = new CompletableFuture<>();
        long scheduled;
        long sent;
        long completed;
        long ok;
        long failed;
        int inFlight;
        int maxInFlight;
        long start;
        long lastAnswer;
        /** Why requests failed: status code, exception class, or the in-flight limit; printed to explain a bad run. */
        final java.util.Map<String, Long> failures = new java.util.TreeMap<>();
        boolean allDue;

        void maybeDone() {
            if (allDue && completed == sent) {
                done.complete(null);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        if (!"localhost".equals(uri.getHost()) && !uri.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("load is only ever sent to this machine's loopback");
        }
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        String headerName = args[2];
        String headerValue = args[3];
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        String label = args[6];
        Path out = Path.of(args[7]);
        int connections = args.length > 8 ? Integer.parseInt(args[8]) : 64;
        int warmupSeconds = args.length > 9 ? Integer.parseInt(args[9]) : 3;

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                .setTcpNoDelay(true).setConnectTimeout(5_000).setIdleTimeout(0), new PoolOptions().setHttp1MaxSize(connections)
                .setMaxWaitQueueSize(-1));
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                .putHeader("Content-Type", "application/json").putHeader(headerName, headerValue)
                .setTimeout(10_000);
        Buffer payload = Buffer.buffer(body);

        if (warmupSeconds > 0) {
            Phase warmup = run(vertx, client, request, payload, rate, warmupSeconds);
            System.out.printf(Locale.ROOT, "%s warm-up (discarded): %d ok, %d failed %s%n", label, warmup.ok,
                    warmup.failed, warmup.failures.isEmpty() ? "" : warmup.failures);
        }
        Phase phase = run(vertx, client, request, payload, rate, seconds);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        double elapsed = Math.max(seconds, (phase.lastAnswer - phase.start) / 1e9);
        double achieved = phase.ok / elapsed;
        boolean valid = phase.failed == 0 && achieved >= MIN_ACHIEVED * rate;
        Histogram h = phase.latencies;
        String latencies = valid
                ? String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.2f", h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6)
                : ",,,";
        String line = String.format(Locale.ROOT, "%s,%d,%d,%d,%.0f,%d,%d,%s,%s", label, rate, seconds, connections,
                achieved, phase.ok, phase.failed, valid, latencies);
        System.out.println(HEADER);
        System.out.println(line);
        if (!Files.exists(out)) {
            Files.writeString(out, HEADER + "\n");
        }
        Files.writeString(out, line + "\n", StandardOpenOption.APPEND);
        if (!phase.failures.isEmpty()) {
            System.out.println("failures: " + phase.failures);
        }
        if (!valid) {
            System.err.printf(Locale.ROOT, "%s: achieved %.0f of %d requests/s (%.0f %%), %d failed: latencies not reported%n",
                    label, achieved, rate, 100 * achieved / rate, phase.failed);
            System.exit(3);
        }
        System.exit(0);
    }

    /** Sends {@code rate × seconds} requests, each due at start + i / rate, and waits for the answers (at most 20 s). */
    private static Phase run(Vertx vertx, HttpClient client, RequestOptions request, Buffer payload, int rate,
                             int seconds) throws Exception {
        Phase phase = new Phase();
        phase.scheduled = (long) rate * seconds;
        phase.maxInFlight = Math.max(MIN_MAX_IN_FLIGHT, rate * MAX_BACKLOG_SECONDS);
        double intervalNs = 1e9 / rate;
        vertx.runOnContext(ignored -> {
            phase.start = System.nanoTime();
            vertx.setPeriodic(1, 1, timer -> {
                long now = System.nanoTime();
                while (phase.sent < phase.scheduled) {
                    long due = phase.start + (long) (phase.sent * intervalNs);
                    if (due > now) {
                        break;
                    }
                    phase.sent++;
                    send(client, request, payload, phase, due);
                }
                if (phase.sent == phase.scheduled) {
                    vertx.cancelTimer(timer);
                    phase.allDue = true;
                    phase.maybeDone();
                }
            });
        });
        try {
            phase.done.get(seconds + MAX_BACKLOG_SECONDS + 20L, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // Report what answered; the missing ones make the achieved rate fall short.
        }
        CompletableFuture<Phase> snapshot = new CompletableFuture<>();
        vertx.runOnContext(ignored -> snapshot.complete(phase));
        return snapshot.get(5, TimeUnit.SECONDS);
    }

    private static void send(HttpClient client, RequestOptions request, Buffer payload, Phase phase, long due) {
        if (phase.inFlight >= phase.maxInFlight) {
            phase.failures.merge("more than " + phase.maxInFlight + " in flight", 1L, Long::sum);
            phase.failed++;
            phase.completed++;
            return;
        }
        phase.inFlight++;
        client.request(request)
                .compose(req -> req.send(payload))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(result -> {
                    long now = System.nanoTime();
                    phase.inFlight--;
                    phase.completed++;
                    phase.lastAnswer = Math.max(phase.lastAnswer, now);
                    phase.latencies.recordValue(Math.min(now - due, MAX_LATENCY_NS));
                    if (result.succeeded() && result.result() / 100 == 2) {
                        phase.ok++;
                    } else {
                        phase.failed++;
                        phase.failures.merge(result.succeeded() ? "HTTP " + result.result()
                                : result.cause().getClass().getSimpleName(), 1L, Long::sum);
                    }
                    phase.maybeDone();
                });
    }
}
