package io.leadrouter.bench;

import io.leadrouter.config.ReloadConfig;
import io.leadrouter.domain.Lead;
import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.Evaluation;
import io.leadrouter.engine.RuleCompiler;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import io.leadrouter.reload.CompileThread;
import org.HdrHistogram.Histogram;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reload cost and heap per table row, outside JMH (each figure is one long operation, not a hot loop).
 *
 * <pre>
 * ReloadAndMemoryBench compile  ROWS[,ROWS...] REPEATS EXEC_MODEL_MAX_ROWS OUT.csv
 * ReloadAndMemoryBench memory   ROWS OUT.csv                 (one JVM per size: a clean heap for each figure)
 * ReloadAndMemoryBench reload   ROWS SECONDS OUT.csv [NICE]   (NICE of the compile thread, default as the product's)
 * ReloadAndMemoryBench files    ROWS DIR                     (the table and a lead body for the HTTP benchmarks)
 * ReloadAndMemoryBench reload-fits ROWS OUT.csv               (does a reload of ROWS succeed within this -Xmx while
 *                                                               2 threads route? exit 0 yes, 2 no: bench/reload-heap.sh)
 * </pre>
 */
public final class ReloadAndMemoryBench {

    public static void main(String[] args) throws Exception {
        BenchLogging.atServiceLevels();
        switch (args[0]) {
            case "compile" -> compile(parseRows(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
            case "memory" -> memory(Integer.parseInt(args[1]), Path.of(args[2]));
            case "reload" -> reload(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]),
                    Integer.parseInt(args.length > 4 ? args[4] : ReloadConfig.DEFAULT_COMPILE_THREAD_NICE));
            case "files" -> files(Integer.parseInt(args[1]), Path.of(args[2]));
            case "reload-fits" -> System.exit(reloadFits(Integer.parseInt(args[1]), Path.of(args[2])));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    // ---- Compile time per row: classic (MVEL, what the product uses) vs executable model -------------------------

    static void compile(List<Integer> sizes, int repeats, int execModelMaxRows, Path out) throws Exception {
        List<String> lines = new ArrayList<>(List.of("rows,build,repeats,median_ms,ms_per_row"));
        // One throw-away build of each kind, so class loading and JIT of the compilers is not charged to the first size.
        RuleSource warm = TerritoryTable.generate(50, 1).xlsxSource();
        new RuleCompiler().compile(new RuleSourceSet(List.of(warm)));
        buildExecutableModel(warm.content());
        for (int rows : sizes) {
            RuleSource table = TerritoryTable.generate(rows, EngineThroughputBenchmark.TABLE_SEED).xlsxSource();
            double classic = medianMillis(repeats, () -> new RuleCompiler().compile(new RuleSourceSet(List.of(table))));
            lines.add(line(rows, "classic-mvel", repeats, classic));
            if (rows <= execModelMaxRows) {
                double exec = medianMillis(repeats, () -> buildExecutableModel(table.content()));
                lines.add(line(rows, "executable-model", repeats, exec));
            }
            System.out.println(lines.subList(1, lines.size()));
        }
        Files.write(out, lines);
    }

    /** Benchmark-only: the executable model via KieBuilder, the table named by the *.drl.xlsx convention. */
    static KieBase buildExecutableModel(byte[] xlsx) {
        KieServices services = KieServices.Factory.get();
        KieFileSystem files = services.newKieFileSystem();
        files.write("src/main/resources/io/leadrouter/bench/territories.drl.xlsx", xlsx);
        KieBuilder builder = services.newKieBuilder(files).buildAll(ExecutableModelProject.class);
        if (builder.getResults().hasMessages(Message.Level.ERROR)) {
            throw new IllegalStateException("executable model build failed: " + builder.getResults().getMessages());
        }
        KieBase base = services.newKieContainer(builder.getKieModule().getReleaseId()).getKieBase();
        services.getRepository().removeKieModule(builder.getKieModule().getReleaseId());
        return base;
    }

    private static String line(int rows, String build, int repeats, double medianMs) {
        return String.format(Locale.ROOT, "%d,%s,%d,%.1f,%.3f", rows, build, repeats, medianMs, medianMs / rows);
    }

    private static double medianMillis(int repeats, Runnable task) {
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long started = System.nanoTime();
            task.run();
            ms[i] = (System.nanoTime() - started) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[repeats / 2];
    }

    // ---- Retained heap per row, and the peak of a rebuild ------------------------------------------------------

    static void memory(int rows, Path out) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        RuleSource table = TerritoryTable.generate(rows, EngineThroughputBenchmark.TABLE_SEED).xlsxSource();
        RuleSourceSet sources = new RuleSourceSet(List.of(table));
        // Warm the compiler on a tiny table so its own classes and caches are part of the baseline, not of the rows.
        new RuleCompiler().compile(new RuleSourceSet(List.of(TerritoryTable.generate(50, 1).xlsxSource())));
        long baseline = settledUsedHeap(memory);

        CompiledRules first = new RuleCompiler().compile(sources);
        long retained = settledUsedHeap(memory) - baseline;

        // A rebuild while the first version still serves, as a reload does: sample the heap while compiling.
        HeapSampler sampler = new HeapSampler(memory);
        sampler.start();
        CompiledRules second = new RuleCompiler().compile(sources);
        sampler.stop();
        long peakAboveBaseline = sampler.peak() - baseline;
        // Keep both versions reachable until after the peak was read.
        if (first.ruleCount() != rows || second.ruleCount() != rows) {
            throw new IllegalStateException("expected " + rows + " rules");
        }
        second = null;

        // What serving adds: the engine keeps one warm session per core, each holding the node memories of the rules
        // its leads matched. Route the whole corpus on two threads, as the service would, then weigh again.
        routeCorpusOnTwoThreads(first);
        long serving = settledUsedHeap(memory) - baseline;
        if (first.ruleCount() != rows) {
            throw new IllegalStateException("expected " + rows + " rules");
        }
        String header = "rows,retained_bytes,retained_kb_per_row,rebuild_peak_above_baseline_bytes,rebuild_peak_over_retained,"
                + "serving_retained_bytes,serving_kb_per_row";
        String result = String.format(Locale.ROOT, "%d,%d,%.1f,%d,%.2f,%d,%.1f", rows, retained, retained / 1024.0 / rows,
                peakAboveBaseline, (double) peakAboveBaseline / retained, serving, serving / 1024.0 / rows);
        System.out.println(header);
        System.out.println(result);
        if (!Files.exists(out)) {
            Files.writeString(out, header + "\n");
        }
        Files.writeString(out, result + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    private static void routeCorpusOnTwoThreads(CompiledRules rules) throws InterruptedException {
        List<Lead> corpus = LeadCorpus.generate(EngineThroughputBenchmark.CORPUS_SIZE, EngineThroughputBenchmark.CORPUS_SEED);
        Thread[] routers = new Thread[2];
        for (int t = 0; t < routers.length; t++) {
            int offset = t * 50_021;
            routers[t] = new Thread(() -> {
                for (int i = 0; i < corpus.size(); i++) {
                    rules.evaluate(corpus.get((i + offset) % corpus.size()), List.of());
                }
            });
            routers[t].start();
        }
        for (Thread router : routers) {
            router.join();
        }
    }

    /** Used heap after several full GCs, once two readings in a row agree within 1%. */
    static long settledUsedHeap(MemoryMXBean memory) throws InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - previous) < previous / 100) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    /** Samples used heap every millisecond on a daemon thread; short spikes between samples can be missed. */
    static final class HeapSampler {
        private final MemoryMXBean memory;
        private final AtomicLong peak = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        HeapSampler(MemoryMXBean memory) {
            this.memory = memory;
        }

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            running.set(false);
            thread.join();
        }

        long peak() {
            return peak.get();
        }
    }

    // ---- Smallest heap for a reload under load (bench/reload-heap.sh bisects -Xmx over this) -----------------------

    /**
     * In this JVM's -Xmx: activates a table of {@code rows}, then, while two threads route the corpus through the
     * engine, compiles it again on the product's compile thread and activates it (the old version serves until the
     * swap, as in a reload). Succeeds when both compiles and the swap finish without an {@link OutOfMemoryError}
     * anywhere and within 300 s (a heap that only fits by collecting back to back is not a working heap), and no
     * decision failed. Writes baseline (settled heap before the first compile, corpus and compiler loaded) and
     * retained (settled heap after the first version is active, minus baseline) when it gets that far.
     */
    static int reloadFits(int rows, Path out) throws Exception {
        long xmxMb = Runtime.getRuntime().maxMemory() >> 20;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        String outcome = "ok";
        long baseline = -1;
        long retained = -1;
        long reloadMs = -1;
        AtomicLong decisions = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> routers = new ArrayList<>();
        // Nice 0 by default (-Dbench.compile-nice to change): the question is heap, and on a loaded machine a nice-10
        // compile thread competing with two routing threads can take minutes of wall time (run 20261204T214041Z).
        ExecutorService compileThread = Executors.newSingleThreadExecutor(
                CompileThread.factory(Integer.getInteger("bench.compile-nice", 0)));
        try {
            List<Lead> corpus = LeadCorpus.generate(20_000, EngineThroughputBenchmark.CORPUS_SEED);
            TerritoryTable table = TerritoryTable.generate(rows, EngineThroughputBenchmark.TABLE_SEED);
            RuleSourceSet sources = new RuleSourceSet(List.of(table.xlsxSource()));
            FirstMatchRouter reference = new FirstMatchRouter(table.rows());
            new RuleCompiler().compile(new RuleSourceSet(List.of(TerritoryTable.generate(50, 1).xlsxSource())));
            baseline = settledUsedHeap(memory);
            RuleEngine engine = new RuleEngine(null);
            engine.activate(engine.compile(sources), "bench");
            retained = settledUsedHeap(memory) - baseline;
            for (int t = 0; t < 2; t++) {
                int offset = t * 10_007;
                Thread router = new Thread(() -> {
                    int i = offset;
                    while (!stop.get()) {
                        Lead lead = corpus.get(i++ % corpus.size());
                        try {
                            Evaluation e = engine.evaluate(lead, List.of());
                            if (e.failed() || e.routing().getTarget() == null
                                    || !e.routing().getTarget().value().equals(reference.teamFor(lead))) {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, e.failed() ? e.failure() : "wrong or no team");
                            }
                        } catch (Throwable e) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, e.toString());
                        }
                        decisions.incrementAndGet();
                    }
                }, "router-" + t);
                router.start();
                routers.add(router);
            }
            Thread.sleep(2_000);
            long started = System.nanoTime();
            compileThread.submit(() -> engine.activate(engine.compile(engine.active().rules().sources(), false), "reload"))
                    .get(300, TimeUnit.SECONDS);
            reloadMs = (System.nanoTime() - started) / 1_000_000;
        } catch (OutOfMemoryError e) {
            outcome = "out-of-memory";
        } catch (java.util.concurrent.ExecutionException e) {
            outcome = e.getCause() instanceof OutOfMemoryError ? "out-of-memory" : "failed: " + e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            outcome = "over-300s";
        } finally {
            stop.set(true);
            compileThread.shutdownNow();
        }
        for (Thread router : routers) {
            router.join(10_000);
        }
        if (outcome.equals("ok") && failed.get() > 0) {
            outcome = "failed-decisions";
        }
        String header = "xmx_mb,rows,outcome,reload_ms,baseline_bytes,retained_bytes,retained_kb_per_row,decisions,failed";
        String line = String.format(Locale.ROOT, "%d,%d,%s,%d,%d,%d,%.1f,%d,%d", xmxMb, rows, outcome, reloadMs, baseline,
                retained, retained / 1024.0 / rows, decisions.get(), failed.get());
        System.out.println(header);
        System.out.println(line);
        if (firstFailure.get() != null) {
            System.out.println("first failed decision: " + firstFailure.get());
        }
        if (!Files.exists(out)) {
            Files.writeString(out, header + "\n");
        }
        Files.writeString(out, line + "\n", java.nio.file.StandardOpenOption.APPEND);
        return outcome.equals("ok") ? 0 : 2;
    }

    // ---- Routing while a reload compiles and swaps (in-process: the reload endpoint is not merged yet) ----------

    static void reload(int rows, int seconds, Path out, int nice) throws Exception {
        List<Lead> corpus = LeadCorpus.generate(EngineThroughputBenchmark.CORPUS_SIZE, EngineThroughputBenchmark.CORPUS_SEED);
        TerritoryTable table = TerritoryTable.generate(rows, EngineThroughputBenchmark.TABLE_SEED);
        RuleSourceSet sources = new RuleSourceSet(List.of(table.xlsxSource()));
        FirstMatchRouter reference = new FirstMatchRouter(table.rows());
        // compile and activate never read the configuration.
        RuleEngine engine = new RuleEngine(null);
        engine.activate(engine.compile(sources), "bench");

        // The product's compile thread: same thread factory (renices itself) and the same compile call.
        ExecutorService compileThread = Executors.newSingleThreadExecutor(CompileThread.factory(nice));
        String niceInEffect = compileThread.submit(() -> CompileThread.currentNice().toString()).get();
        System.out.println("compile thread: requested nice " + nice + ", in effect " + niceInEffect);

        Phase warmup = routeFor(engine, corpus, reference, seconds, null, nice);
        Phase steady = routeFor(engine, corpus, reference, seconds, null, nice);
        Phase reloading = routeFor(engine, corpus, reference, seconds, compileThread, nice);
        compileThread.shutdown();
        String header = "rows,phase,seconds,decisions,failed,reloads,p50_us,p99_us,p999_us,max_us,compile_nice";
        List<String> lines = List.of(header, steady.line(rows, "steady", seconds, nice),
                reloading.line(rows, "reloading", seconds, nice));
        lines.forEach(System.out::println);
        if (warmup.failed > 0) {
            System.out.println("warm-up had " + warmup.failed + " failed decisions");
        }
        Files.write(out, lines);
    }

    record Phase(Histogram latencies, long decisions, long failed, int reloads) {
        String line(int rows, String phase, int seconds, int nice) {
            return String.format(Locale.ROOT, "%d,%s,%d,%d,%d,%d,%.1f,%.1f,%.1f,%.1f,%d", rows, phase, seconds, decisions,
                    failed, reloads, latencies.getValueAtPercentile(50) / 1e3, latencies.getValueAtPercentile(99) / 1e3,
                    latencies.getValueAtPercentile(99.9) / 1e3, latencies.getMaxValue() / 1e3, nice);
        }
    }

    /**
     * Two threads route as fast as they can (closed loop) for the given time; with a {@code compileThread}, it
     * compiles the table again and activates it, back to back, as the product's compile thread does (at nice 0 with
     * Drools' parallel rule build, above 0 on that thread only). A decision fails when evaluation throws, reports a
     * failure, or differs from the first-match reference.
     */
    static Phase routeFor(RuleEngine engine, List<Lead> corpus, FirstMatchRouter reference, int seconds,
                          ExecutorService compileThread, int nice) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Histogram all = new Histogram(3_600_000_000L, 3);
        AtomicLong decisions = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Histogram> perThread = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Histogram h = new Histogram(3_600_000_000L, 3);
            perThread.add(h);
            int offset = t * 50_021;
            threads.add(new Thread(() -> {
                int i = offset;
                while (System.nanoTime() < deadline) {
                    Lead lead = corpus.get(i++ % corpus.size());
                    long started = System.nanoTime();
                    boolean ok;
                    try {
                        Evaluation e = engine.evaluate(lead, List.of());
                        ok = !e.failed() && e.routing().getTarget() != null
                                && e.routing().getTarget().value().equals(reference.teamFor(lead));
                    } catch (RuntimeException e) {
                        ok = false;
                    }
                    h.recordValue(Math.min(System.nanoTime() - started, 3_600_000_000L));
                    decisions.incrementAndGet();
                    if (!ok) {
                        failed.incrementAndGet();
                    }
                }
            }, "router-" + t));
        }
        int[] reloads = {0};
        threads.forEach(Thread::start);
        if (compileThread != null) {
            List<Long> reloadMillis = compileThread.submit(() -> {
                List<Long> millis = new ArrayList<>();
                while (System.nanoTime() < deadline) {
                    long started = System.nanoTime();
                    engine.activate(engine.compile(engine.active().rules().sources(), nice == 0), "bench-reload");
                    millis.add((System.nanoTime() - started) / 1_000_000);
                    reloads[0]++;
                }
                return millis;
            }).get();
            // A reload that starts before the deadline finishes after it, while routing has stopped.
            System.out.println("reload wall times (ms, compile + activate): " + reloadMillis);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        perThread.forEach(all::add);
        return new Phase(all, decisions.get(), failed.get(), reloads[0]);
    }

    /** Writes DIR/decision-tables/territories.xlsx, an empty DIR/rules and DIR/lead.json (a US mid-market lead). */
    static void files(int rows, Path dir) throws Exception {
        Files.createDirectories(dir.resolve("decision-tables"));
        Files.createDirectories(dir.resolve("rules"));
        Files.write(dir.resolve("decision-tables/territories.xlsx"),
                TerritoryTable.generate(rows, EngineThroughputBenchmark.TABLE_SEED).toXlsx());
        Files.writeString(dir.resolve("lead.json"), """
                {"id":"L-bench-1","email":"buyer@acme.example.com","firstName":"Ada","lastName":"Lovelace",\
                "company":"Acme Analytics","country":"US","region":"CA","postalCode":"94107","industry":"Software",\
                "employees":420,"annualRevenue":52000000,"source":"free-trial","score":35}
                """.strip());
    }

    private static List<Integer> parseRows(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(Integer::parseInt).toList();
    }
}
