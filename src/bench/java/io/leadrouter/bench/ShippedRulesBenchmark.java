package io.leadrouter.bench;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Rep;
import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.Evaluation;
import io.leadrouter.engine.RuleCompiler;
import io.leadrouter.engine.RuleOrigin;
import io.leadrouter.engine.RuleSourceReader;
import io.leadrouter.intake.LeadRequest;
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

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The shipped mixed rule base (rules/*.drl and decision-tables/*.xlsx of the checkout: DRL rules, the territory and
 * the scoring table) evaluated through {@code CompiledRules.evaluate} with the generated roster of
 * {@link HttpBench#roster} (15, 200 or 1,000 reps; the rules read it through {@code Rep(...)} patterns) over the varied
 * corpus of {@link HttpBench#corpus}. One operation is one lead. Settings as {@link EngineThroughputBenchmark}:
 * 3 forks x 5 iterations. The set-up prints how many rules are DRL and how many come from table rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ShippedRulesBenchmark {

    static final int CORPUS_SIZE = 20_000;

    @Param({"10", "200", "1000"})
    public int reps;

    private List<Lead> corpus;
    private List<Rep> roster;
    private CompiledRules rules;

    @Setup(Level.Trial)
    public void setUp() {
        BenchLogging.atServiceLevels();
        Path root = Path.of(System.getProperty("leadrouter.bench.rules-root", "."));
        rules = new RuleCompiler().compile(RuleSourceReader.read(root.resolve("rules"), root.resolve("decision-tables")));
        Map<String, Integer> byKind = new TreeMap<>();
        for (RuleOrigin origin : rules.origins().values()) {
            byKind.merge(origin.kind(), 1, Integer::sum);
        }
        System.out.println("shipped rule base: " + rules.ruleCount() + " rules by kind " + byKind + ", roster "
                + HttpBench.roster(reps).size() + " reps");
        corpus = HttpBench.corpus(CORPUS_SIZE, false).stream().map(LeadRequest::toLead).toList();
        roster = HttpBench.reps(reps, Instant.now());
        for (Lead lead : corpus) {
            Evaluation evaluation = rules.evaluate(lead, roster);
            if (evaluation.failed()) {
                throw new IllegalStateException("evaluation failed for " + lead.getId() + ": " + evaluation.failure());
            }
        }
    }

    /** Each thread walks the corpus from its own offset. */
    @State(Scope.Thread)
    public static class Cursor {
        private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();
        int next = THREADS.getAndIncrement() * 10_007;
    }

    @Benchmark
    public Evaluation route(Cursor cursor) {
        int i = cursor.next++ % CORPUS_SIZE;
        return rules.evaluate(corpus.get(i), roster);
    }
}
