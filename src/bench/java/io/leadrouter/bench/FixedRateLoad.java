package io.leadrouter.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator, because wrk2 is not packaged in Debian and wrk alone only drives a closed loop.
 * Requests are due at a fixed rate; each latency is measured from when its request was due, not from when it was
 * sent, so a stalled server is charged for the requests it held back (no coordinated omission). Loopback only.
 *
 * <pre>FixedRateLoad URL BODY_FILE HEADER_NAME HEADER_VALUE RATE_PER_S SECONDS LABEL OUT.csv</pre>
 */
public final class FixedRateLoad {

    /** More requests in flight than this means the server is far behind the rate: they count as failed. */
    private static final int MAX_IN_FLIGHT = 2_000;

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

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header(headerName, headerValue)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        Histogram latencies = new ConcurrentHistogram(60_000_000_000L, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

        long interval = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                failed.incrementAndGet();
                continue;
            }
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                latencies.recordValue(Math.min(System.nanoTime() - due, 60_000_000_000L));
                if (error == null && response.statusCode() / 100 == 2) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                inFlight.release();
            });
        }
        // Wait for the stragglers, at most 15 s.
        inFlight.tryAcquire(MAX_IN_FLIGHT, 15, java.util.concurrent.TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        String header = "label,target_rate,seconds,achieved_rate,ok,failed,p50_ms,p99_ms,p999_ms,max_ms";
        String line = String.format(Locale.ROOT, "%s,%d,%d,%.0f,%d,%d,%.2f,%.2f,%.2f,%.2f", label, rate, seconds,
                ok.get() / elapsed, ok.get(), failed.get(), latencies.getValueAtPercentile(50) / 1e6,
                latencies.getValueAtPercentile(99) / 1e6, latencies.getValueAtPercentile(99.9) / 1e6,
                latencies.getMaxValue() / 1e6);
        System.out.println(header);
        System.out.println(line);
        if (!Files.exists(out)) {
            Files.writeString(out, header + "\n");
        }
        Files.writeString(out, line + "\n", java.nio.file.StandardOpenOption.APPEND);
        System.exit(0);
    }
}
