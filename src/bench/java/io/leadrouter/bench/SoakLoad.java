package io.leadrouter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadrouter.domain.Lead;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The soak of issue 15 item 15 (bench/soak.sh, BENCHMARKS.md "Soak"): for {@code --seconds}, logged routes at
 * {@code --rate} per second with distinct lead ids from {@link LeadCorpus}, signed generic webhooks at
 * {@code --webhook-rate}, and every {@code --reload-every} seconds an upload of the 3,000-row territory table with one
 * cell changed (alternating, so every upload compiles). RSS and CPU of the app process are sampled every 5 s.
 *
 * <p>Open loop, as {@link FixedRateLoad}: each request is due at a fixed time and its latency counts from then, so a
 * stall is charged to every request it held back. Answers are also counted by the 10 s window they <i>arrive</i> in:
 * a stalled server shows as a window with no answers, however the latencies are attributed. Before the load, reps are
 * created for the teams the table gives most leads to (two per team), so logged routes take pool locks and update rep
 * counters; the other leads go to the fallback queue.
 *
 * <p>Writes windows-10s.csv, minutes.csv, reloads.csv, rss.csv and summary.txt into {@code --out}; during the first
 * {@code --dumps} reloads, thread dumps of the app ({@code jcmd PID Thread.print}) 2 s and 5 s into the upload.
 */
public final class SoakLoad {

    private static final long MAX_LATENCY_NS = TimeUnit.SECONDS.toNanos(120);
    private static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX_IN_FLIGHT = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one 10 s window saw, for one kind of request; touched only on the event loop. */
    static final class Stats {
        long due;
        long ok;
        long failed;
        /** 2xx answers that arrived in this window (whenever they were due). */
        long answeredHere;
        final Histogram latency = new Histogram(MAX_LATENCY_NS, 3);
        final Map<String, Long> failures = new TreeMap<>();
    }

    record Reload(int number, double startS, double seconds, int status, String version, String body) {
    }

    record Sample(double atS, long rssKb, double appCpuPercent, String loadAverage) {
    }

    private final Map<String, String> options;
    private final int windows;
    private final Stats[] routes;
    private final Stats[] hooks;
    private final List<Reload> reloads = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private long start;
    private volatile int inFlight;
    /** When the last answer (any status) arrived; read by the stall watcher. */
    private volatile long lastAnswer;
    /** What the warm-up (before {@link #start}) saw: reported apart, not in the windows. */
    private final Stats[] warm = {new Stats(), new Stats()};

    private SoakLoad(Map<String, String> options) {
        this.options = options;
        int seconds = integer("seconds");
        // Answers may arrive up to the drain timeout after the last due request.
        this.windows = seconds / 10 + 8;
        this.routes = new Stats[windows];
        this.hooks = new Stats[windows];
        for (int i = 0; i < windows; i++) {
            routes[i] = new Stats();
            hooks[i] = new Stats();
        }
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.atServiceLevels();
        Map<String, String> options = new LinkedHashMap<>(Map.of("rate", "50", "webhook-rate", "5", "seconds", "600",
                "reload-every", "60", "rows", "3000", "teams", "20", "dumps", "2", "connections", "64", "warmup", "30"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("arguments are --name=value: " + arg);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        URI url = URI.create(options.get("url"));
        if (!"localhost".equals(url.getHost()) && !url.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("load is only ever sent to this machine's loopback");
        }
        new SoakLoad(options).run();
        System.exit(0);
    }

    private int integer(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        String url = options.get("url");
        Path out = Files.createDirectories(Path.of(options.get("out")));
        long pid = Long.parseLong(options.get("pid"));
        int rate = integer("rate");
        int hookRate = integer("webhook-rate");
        int seconds = integer("seconds");

        TerritoryTable table = TerritoryTable.generate(integer("rows"), EngineThroughputBenchmark.TABLE_SEED);
        List<Lead> corpus = LeadCorpus.generate(20_000, 42);
        List<String> teams = topTeams(table, corpus, integer("teams"));
        java.net.http.HttpClient admin = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        createReps(admin, url, teams);
        // The edited row is the first row of the busiest team: every other upload moves its leads to a team without
        // reps (the fallback queue), every other one back.
        int editedRow = 0;
        for (int i = 0; i < table.size(); i++) {
            if (table.rows().get(i).team().equals(teams.get(0))) {
                editedRow = i;
                break;
            }
        }
        byte[][] versions = {table.withTeam(editedRow, teams.get(0) + " (soak edit)").toXlsx(), table.toXlsx()};
        List<String> bodies = corpus.stream().map(SoakLoad::leadBody).toList();

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout(5_000).setIdleTimeout(0), new PoolOptions().setHttp1MaxSize(integer("connections"))
                .setMaxWaitQueueSize(-1));
        String runId = Long.toString(System.currentTimeMillis(), 36);
        byte[] secret = options.get("webhook-secret").getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Void> allDue = new CompletableFuture<>();
        int warmup = integer("warmup");
        long routeTotal = (long) rate * (seconds + warmup);
        long hookTotal = (long) hookRate * (seconds + warmup);
        long[] sent = new long[2];
        // Same load from the first second; the warm-up's answers (cold JIT, a fresh connection pool) are kept apart.
        long begin = System.nanoTime();
        start = begin + TimeUnit.SECONDS.toNanos(warmup);
        vertx.runOnContext(ignored -> vertx.setPeriodic(1, 1, timer -> {
            long now = System.nanoTime();
            while (sent[0] < routeTotal) {
                long due = begin + (long) (sent[0] * 1e9 / rate);
                if (due > now) {
                    break;
                }
                String body = bodies.get((int) (sent[0] % bodies.size())).replace("\"__ID__\"",
                        "\"soak-" + runId + "-" + sent[0] + "\"");
                sent[0]++;
                send(client, new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url + "/api/route")
                        .putHeader("Content-Type", "application/json").putHeader("X-API-Key", options.get("api-key"))
                        .setTimeout(60_000), body, due, routes, 0);
            }
            while (sent[1] < hookTotal) {
                long due = begin + (long) (sent[1] * 1e9 / hookRate);
                if (due > now) {
                    break;
                }
                String body = bodies.get((int) ((sent[1] * 7 + 3) % bodies.size())).replace("\"__ID__\"",
                        "\"soak-hook-" + runId + "-" + sent[1] + "\"");
                String timestamp = Long.toString(System.currentTimeMillis() / 1000);
                sent[1]++;
                send(client, new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url + "/webhooks/generic")
                        .putHeader("Content-Type", "application/json").putHeader("X-Timestamp", timestamp)
                        .putHeader("X-Signature", "sha256=" + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body)))
                        .putHeader("X-Delivery-Id", "soak-" + runId + "-" + sent[1])
                        .setTimeout(60_000), body, due, hooks, 1);
            }
            if (sent[0] == routeTotal && sent[1] == hookTotal) {
                vertx.cancelTimer(timer);
                allDue.complete(null);
            }
        }));

        Thread sampler = new Thread(() -> sample(pid, seconds), "soak-sampler");
        sampler.setDaemon(true);
        sampler.start();
        lastAnswer = System.nanoTime();
        Thread stalls = new Thread(() -> watchStalls(pid, out), "soak-stall-watcher");
        stalls.setDaemon(true);
        stalls.start();
        int reloadEvery = integer("reload-every");
        int dumps = integer("dumps");
        for (int n = 1; reloadEvery > 0; n++) {
            long at = start + TimeUnit.SECONDS.toNanos(reloadEvery / 2 + (long) (n - 1) * reloadEvery);
            if (at > start + TimeUnit.SECONDS.toNanos(seconds - 5)) {
                break;
            }
            sleepUntil(at);
            reloads.add(reload(admin, url, n, versions[(n - 1) % 2], n <= dumps ? pid : 0, out));
            Reload last = reloads.get(reloads.size() - 1);
            System.out.printf(Locale.ROOT, "reload %d at %.0f s: HTTP %d in %.1f s, %s%n", n, last.startS(),
                    last.status(), last.seconds(), last.version());
        }
        allDue.get(seconds + 60L, TimeUnit.SECONDS);
        // Drain: wait for the answers still in flight (at most 60 s).
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < drainUntil && onLoop(vertx, () -> inFlight) > 0) {
            Thread.sleep(200);
        }
        onLoop(vertx, () -> 0);
        sampler.interrupt();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        write(out, rate, hookRate, seconds);
    }

    private static <T> T onLoop(Vertx vertx, java.util.function.Supplier<T> read) throws Exception {
        CompletableFuture<T> value = new CompletableFuture<>();
        vertx.runOnContext(ignored -> value.complete(read.get()));
        return value.get(10, TimeUnit.SECONDS);
    }

    private void send(HttpClient client, RequestOptions request, String body, long due, Stats[] stats, int kind) {
        boolean warming = due < start;
        Stats byDue = warming ? warm[kind] : stats[window(due)];
        byDue.due++;
        if (inFlight >= MAX_IN_FLIGHT) {
            byDue.failed++;
            byDue.failures.merge("more than " + MAX_IN_FLIGHT + " in flight", 1L, Long::sum);
            return;
        }
        inFlight++;
        client.request(request)
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(result -> {
                    long now = System.nanoTime();
                    lastAnswer = now;
                    inFlight--;
                    byDue.latency.recordValue(Math.min(now - due, MAX_LATENCY_NS));
                    if (result.succeeded() && result.result() / 100 == 2) {
                        byDue.ok++;
                        if (!warming && now >= start) {
                            stats[window(now)].answeredHere++;
                        }
                    } else {
                        byDue.failed++;
                        byDue.failures.merge(result.succeeded() ? "HTTP " + result.result()
                                : result.cause().getClass().getSimpleName(), 1L, Long::sum);
                    }
                });
    }

    private int window(long nanoTime) {
        return (int) Math.min(windows - 1, Math.max(0, (nanoTime - start) / WINDOW_NS));
    }

    private static String leadBody(Lead lead) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "__ID__");
        body.put("email", "buyer@" + lead.getId().toLowerCase(Locale.ROOT).replace('-', '.') + ".example.com");
        body.put("company", "Company " + lead.getId());
        body.put("country", lead.getCountry());
        if (lead.getRegion() != null) body.put("region", lead.getRegion());
        if (lead.getEmployees() != null) body.put("employees", lead.getEmployees());
        if (lead.getAnnualRevenue() != null) body.put("annualRevenue", lead.getAnnualRevenue());
        if (lead.getIndustry() != null) body.put("industry", lead.getIndustry());
        if (lead.getSource() != null) body.put("source", lead.getSource());
        return body.toString();
    }

    /** The teams the table gives most of the corpus to. */
    private static List<String> topTeams(TerritoryTable table, List<Lead> corpus, int count) {
        FirstMatchRouter router = new FirstMatchRouter(table.rows());
        Map<String, Integer> perTeam = new HashMap<>();
        corpus.forEach(lead -> perTeam.merge(router.teamFor(lead), 1, Integer::sum));
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(perTeam.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
        int covered = sorted.stream().limit(count).mapToInt(Map.Entry::getValue).sum();
        System.out.printf(Locale.ROOT, "reps for the %d busiest of %d teams: %.0f %% of the leads%n", count,
                sorted.size(), 100.0 * covered / corpus.size());
        return sorted.stream().limit(count).map(Map.Entry::getKey).toList();
    }

    private void createReps(java.net.http.HttpClient http, String url, List<String> teams) throws Exception {
        for (int t = 0; t < teams.size(); t++) {
            for (int r = 1; r <= 2; r++) {
                String id = "soak-rep-" + t + "-" + r;
                ObjectNode rep = JSON.createObjectNode().put("id", id).put("name", "Soak rep " + t + "." + r)
                        .put("email", id + "@example.com").put("team", teams.get(t));
                rep.putArray("territories").add("*");
                HttpResponse<String> created = http.send(adminRequest(url + "/api/reps")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(rep.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("creating rep " + id + ": " + created.statusCode() + " " + created.body());
                }
            }
        }
    }

    private HttpRequest.Builder adminRequest(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(300)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(options.get("admin").getBytes(StandardCharsets.UTF_8)));
    }

    /** Uploads {@code xlsx} as the territory table and waits for the answer (the upload answers once compiled). */
    private Reload reload(java.net.http.HttpClient http, String url, int number, byte[] xlsx, long dumpPid, Path out)
            throws Exception {
        long began = System.nanoTime();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(
                adminRequest(url + "/api/rules/files/decision-tables/territories.xlsx")
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(xlsx)).build(), HttpResponse.BodyHandlers.ofString());
        if (dumpPid > 0) {
            for (int at : new int[]{2, 5}) {
                sleepUntil(began + TimeUnit.SECONDS.toNanos(at));
                if (!answer.isDone()) {
                    new ProcessBuilder("jcmd", Long.toString(dumpPid), "Thread.print")
                            .redirectOutput(out.resolve("threads-reload" + number + "-" + at + "s.txt").toFile())
                            .redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
        int status;
        String body;
        String version = "";
        try {
            HttpResponse<String> response = answer.get(300, TimeUnit.SECONDS);
            status = response.statusCode();
            body = response.body();
            if (status == 200) {
                JsonNode view = JSON.readTree(body);
                version = view.path("id").asText();
            }
        } catch (Exception e) {
            status = -1;
            body = e.toString();
        }
        double took = (System.nanoTime() - began) / 1e9;
        return new Reload(number, (began - start) / 1e9, took, status, version,
                status == 200 ? "" : body.substring(0, Math.min(300, body.length())));
    }

    private void sample(long pid, int seconds) {
        long ticksPerSecond = 100; // CLK_TCK on Linux
        long previousTicks = -1;
        long previousAt = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                long now = System.nanoTime();
                long rss = 0;
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss = Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
                double cpu = previousTicks < 0 ? 0 : 100.0 * (ticks - previousTicks) / ticksPerSecond
                        / ((now - previousAt) / 1e9);
                previousTicks = ticks;
                previousAt = now;
                String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
                synchronized (samples) {
                    samples.add(new Sample((now - start) / 1e9, rss, cpu, load));
                }
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("sampling stopped: " + e);
                return;
            }
        }
    }

    /**
     * A thread dump of the app ({@code threads-stall-<s>s.txt}) whenever requests are in flight and no answer came for
     * a second: what every thread does during a stall. At most 6 dumps, 20 s apart.
     */
    private void watchStalls(long pid, Path out) {
        int dumps = 0;
        long lastDump = 0;
        while (dumps < 6) {
            try {
                Thread.sleep(100);
                long now = System.nanoTime();
                if (now > start && inFlight > 0 && now - lastAnswer > 1_000_000_000L
                        && now - lastDump > 20_000_000_000L) {
                    lastDump = now;
                    dumps++;
                    Path file = out.resolve(String.format(Locale.ROOT, "threads-stall-%.0fs.txt", (now - start) / 1e9));
                    new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print").redirectOutput(file.toFile())
                            .redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
                    System.out.printf(Locale.ROOT, "no answer for %.1f s with %d in flight: %s%n",
                            (now - lastAnswer) / 1e9, inFlight, file.getFileName());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("stall watcher: " + e);
            }
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private boolean reloading(double fromS, double toS) {
        return reloads.stream().anyMatch(r -> r.startS() < toS && r.startS() + r.seconds() > fromS);
    }

    private long rssMaxKb(double fromS, double toS) {
        synchronized (samples) {
            return samples.stream().filter(s -> s.atS() >= fromS && s.atS() < toS).mapToLong(Sample::rssKb).max()
                    .orElse(0);
        }
    }

    private static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "" : String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(percentile) / 1e6);
    }

    private void write(Path out, int rate, int hookRate, int seconds) throws Exception {
        int measured = (seconds + 9) / 10;
        List<String> tenSeconds = new ArrayList<>(List.of("window_start_s,reloading,routes_due,routes_answered_in_window,"
                + "routes_ok,routes_failed,route_p50_ms,route_p99_ms,route_max_ms,webhooks_due,webhooks_answered_in_window,"
                + "webhooks_failed,webhook_p99_ms,rss_max_mb,failures"));
        for (int w = 0; w < windows; w++) {
            Stats r = routes[w];
            Stats h = hooks[w];
            if (w >= measured && r.due == 0 && r.answeredHere == 0 && h.answeredHere == 0) {
                continue;
            }
            Map<String, Long> failures = new TreeMap<>(r.failures);
            h.failures.forEach((k, v) -> failures.merge("webhook " + k, v, Long::sum));
            tenSeconds.add(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%s,%s,%s,%d,%d,%d,%s,%d,\"%s\"", w * 10,
                    reloading(w * 10, w * 10 + 10) ? 1 : 0, r.due, r.answeredHere, r.ok, r.failed, ms(r.latency, 50),
                    ms(r.latency, 99), ms(r.latency, 100), h.due, h.answeredHere, h.failed, ms(h.latency, 99),
                    rssMaxKb(w * 10, w * 10 + 10) / 1024, failures.isEmpty() ? "" : failures.toString()));
        }
        Files.write(out.resolve("windows-10s.csv"), tenSeconds);

        List<String> minutes = new ArrayList<>(List.of("minute,reloads_started,routes_answered_per_s,route_errors,"
                + "route_p50_ms,route_p99_ms,route_max_ms,min_routes_answered_per_10s,webhooks_answered_per_s,"
                + "webhook_errors,webhook_p99_ms,rss_max_mb"));
        Histogram all = new Histogram(MAX_LATENCY_NS, 3);
        long minAnsweredDuringReload = Long.MAX_VALUE;
        long totalRoutesOk = 0, totalRoutesFailed = 0, totalHooksOk = 0, totalHooksFailed = 0;
        for (int m = 0; m * 6 < measured; m++) {
            Histogram route = new Histogram(MAX_LATENCY_NS, 3);
            Histogram hook = new Histogram(MAX_LATENCY_NS, 3);
            long answered = 0, errors = 0, hookAnswered = 0, hookErrors = 0, minWindow = Long.MAX_VALUE;
            int windowsInMinute = 0;
            for (int w = m * 6; w < Math.min(measured, m * 6 + 6); w++) {
                windowsInMinute++;
                route.add(routes[w].latency);
                hook.add(hooks[w].latency);
                answered += routes[w].answeredHere;
                errors += routes[w].failed;
                hookAnswered += hooks[w].answeredHere;
                hookErrors += hooks[w].failed;
                minWindow = Math.min(minWindow, routes[w].answeredHere);
                if (reloading(w * 10, w * 10 + 10)) {
                    minAnsweredDuringReload = Math.min(minAnsweredDuringReload, routes[w].answeredHere);
                }
            }
            all.add(route);
            int from = m * 60, to = m * 60 + 60;
            long started = reloads.stream().filter(r -> r.startS() >= from && r.startS() < to).count();
            minutes.add(String.format(Locale.ROOT, "%d,%d,%.1f,%d,%s,%s,%s,%d,%.1f,%d,%s,%d", m + 1, started,
                    answered / (10.0 * windowsInMinute), errors, ms(route, 50), ms(route, 99), ms(route, 100), minWindow,
                    hookAnswered / (10.0 * windowsInMinute), hookErrors, ms(hook, 99), rssMaxKb(from, to) / 1024));
        }
        for (int w = 0; w < windows; w++) {
            totalRoutesOk += routes[w].ok;
            totalRoutesFailed += routes[w].failed;
            totalHooksOk += hooks[w].ok;
            totalHooksFailed += hooks[w].failed;
        }
        Files.write(out.resolve("minutes.csv"), minutes);

        List<String> reloadLines = new ArrayList<>(List.of("reload,start_s,seconds,status,version,error"));
        reloads.forEach(r -> reloadLines.add(String.format(Locale.ROOT, "%d,%.1f,%.2f,%d,%s,\"%s\"", r.number(),
                r.startS(), r.seconds(), r.status(), r.version(), r.body().replace("\"", "'").replace("\n", " "))));
        Files.write(out.resolve("reloads.csv"), reloadLines);
        List<String> rssLines = new ArrayList<>(List.of("at_s,rss_mb,app_cpu_percent,load_average_1m"));
        synchronized (samples) {
            samples.forEach(s -> rssLines.add(String.format(Locale.ROOT, "%.0f,%.1f,%.0f,%s", s.atS(), s.rssKb() / 1024.0,
                    s.appCpuPercent(), s.loadAverage())));
        }
        Files.write(out.resolve("rss.csv"), rssLines);

        List<String> summary = new ArrayList<>();
        summary.add(String.format(Locale.ROOT, "warm-up (%s s at the same rate, not in the figures): routes %d ok, %d "
                + "failed %s, p99 %s ms; webhooks %d ok, %d failed %s", options.get("warmup"), warm[0].ok, warm[0].failed,
                warm[0].failures, ms(warm[0].latency, 99), warm[1].ok, warm[1].failed, warm[1].failures));
        summary.add(String.format(Locale.ROOT, "soak: %d s, %d routes/s (logged) + %d webhooks/s, upload of the %s-row "
                + "table every %s s", seconds, rate, hookRate, options.get("rows"), options.get("reload-every")));
        summary.add(String.format(Locale.ROOT, "routes: %d answered 2xx, %d failed; p50 %s ms, p99 %s ms, p99.9 %s ms, max %s ms",
                totalRoutesOk, totalRoutesFailed, ms(all, 50), ms(all, 99), ms(all, 99.9), ms(all, 100)));
        summary.add(String.format(Locale.ROOT, "webhooks: %d answered 2xx, %d failed", totalHooksOk, totalHooksFailed));
        summary.add("fewest routes answered in a 10 s window overlapping a reload: "
                + (minAnsweredDuringReload == Long.MAX_VALUE ? "n/a" : minAnsweredDuringReload + " (" + rate * 10 + " due)"));
        summary.add("reloads (s): " + reloads.stream().map(r -> String.format(Locale.ROOT, "%.1f%s", r.seconds(),
                r.status() == 200 ? "" : " (HTTP " + r.status() + ")")).toList());
        synchronized (samples) {
            summary.add(String.format(Locale.ROOT, "RSS: first %.0f MB, max %.0f MB, last %.0f MB; load average (1 min) "
                            + "from %s to %s, max %s",
                    samples.isEmpty() ? 0 : samples.get(0).rssKb() / 1024.0,
                    samples.stream().mapToLong(Sample::rssKb).max().orElse(0) / 1024.0,
                    samples.isEmpty() ? 0 : samples.get(samples.size() - 1).rssKb() / 1024.0,
                    samples.isEmpty() ? "" : samples.get(0).loadAverage(),
                    samples.isEmpty() ? "" : samples.get(samples.size() - 1).loadAverage(),
                    samples.stream().map(Sample::loadAverage).max(Comparator.comparingDouble(Double::parseDouble)).orElse("")));
        }
        Files.write(out.resolve("summary.txt"), summary);
        summary.forEach(System.out::println);
        minutes.forEach(System.out::println);
    }

    private static byte[] hmac(byte[] secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
