package io.leadrouter.bench;

import io.leadrouter.domain.Lead;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * In-process routing throughput: one operation is one lead routed to a team. Drools goes through
 * {@code CompiledRules.evaluate}, exactly as the service calls it; the hand-written routers answer the same question.
 * Run with {@code -prof gc} for the allocation per decision ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
// The one place for the JMH settings (bench/run.sh passes none but the parameters; only --quick overrides them):
// 3 forks x 5 measured iterations give 15 samples per score, so JMH's error column (99.9 % confidence) is meaningful.
// Iterations of 2 s keep a trial under a minute; the 3 warm-up iterations cover a large table's JIT compilation.
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineThroughputBenchmark {

    public static final int CORPUS_SIZE = 100_000;
    public static final long CORPUS_SEED = 42;
    public static final long TABLE_SEED = 7;

    @Param({"50", "500", "3000", "10000"})
    public int rows;

    @Param({"drools", "first-match", "indexed"})
    public String router;

    private List<Lead> corpus;
    private TerritoryRouter subject;

    @Setup(Level.Trial)
    public void setUp() {
        BenchLogging.atServiceLevels();
        corpus = LeadCorpus.generate(CORPUS_SIZE, CORPUS_SEED);
        TerritoryTable table = TerritoryTable.generate(rows, TABLE_SEED);
        subject = switch (router) {
            case "drools" -> DroolsRouter.compile(table.xlsxSource());
            case "first-match" -> new FirstMatchRouter(table.rows());
            case "indexed" -> new IndexedRouter(table.rows());
            default -> throw new IllegalArgumentException(router);
        };
        // No timing before the variant has routed the whole corpus exactly as the first-match reference does.
        Map<String, TerritoryRouter> routers = new LinkedHashMap<>();
        routers.put("first-match", new FirstMatchRouter(table.rows()));
        routers.put(router, subject);
        DecisionParity.verify(corpus, routers);
    }

    /** Each thread walks the corpus from its own offset, so the two threads do not route the same lead in step. */
    @State(Scope.Thread)
    public static class Cursor {
        private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();
        int next = THREADS.getAndIncrement() * 50_021;
    }

    @Benchmark
    public String route(Cursor cursor) {
        int i = cursor.next++;
        if (cursor.next >= CORPUS_SIZE) {
            cursor.next = 0;
        }
        return subject.teamFor(corpus.get(i % CORPUS_SIZE));
    }
}
