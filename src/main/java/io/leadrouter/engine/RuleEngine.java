package io.leadrouter.engine;

import io.leadrouter.config.RoutingConfig;
import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Rep;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the active rule version and evaluates leads against it. Compiles the rule files at start-up; a rule set that
 * does not compile stops start-up with every error listed.
 *
 * <p>The active version is swapped as a whole: an evaluation takes the version current when it starts and finishes
 * on it, whatever is activated meanwhile.
 */
@ApplicationScoped
public class RuleEngine {

    private static final Logger LOG = Logger.getLogger(RuleEngine.class);

    private final RoutingConfig config;
    private final RuleCompiler compiler = new RuleCompiler();
    private final RuleCompiler callingThreadCompiler = new RuleCompiler(false);
    private final AtomicReference<ActiveRules> active = new AtomicReference<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile BoundedEvaluator evaluator;

    /** Limits used when no configuration is given (benchmarks and tests that build an engine by hand). */
    static final int DEFAULT_EVALUATION_THREADS = 8;
    static final java.time.Duration DEFAULT_EVALUATION_TIMEOUT = java.time.Duration.ofMillis(500);

    public RuleEngine(RoutingConfig config) {
        this.config = config;
    }

    void compileAtStartup(@Observes StartupEvent event) {
        ActiveRules rules = activate(compile(readSources()), "startup");
        LOG.infof("Rules %s active: %d rules from %d files, compiled in %d ms", rules.version().id(),
                rules.rules().ruleCount(), rules.rules().sources().sources().size(), rules.rules().compileTime().toMillis());
    }

    /**
     * Evaluates the lead with the rules active now, on an evaluation thread and within the time budget
     * ({@code routing.rules.evaluation-timeout}): past it, the evaluation comes back failed with the reason, and the
     * caller's thread is free again whatever the rule still does.
     */
    public Evaluation evaluate(Lead lead, List<Rep> roster) {
        return evaluator().evaluate(active(), lead, roster, maxMatchedRules());
    }

    /** Evaluations abandoned past their budget whose thread is still busy in the rule (a spinning consequence). */
    public int stuckEvaluations() {
        BoundedEvaluator current = evaluator;
        return current == null ? 0 : current.stuck();
    }

    /** Evaluations abandoned past their budget since start. */
    public long timedOutEvaluations() {
        BoundedEvaluator current = evaluator;
        return current == null ? 0 : current.timedOut();
    }

    /** Threads that evaluate rules, at most ({@code routing.rules.evaluation-threads}). */
    public int evaluationThreads() {
        return evaluator().threads();
    }

    private BoundedEvaluator evaluator() {
        BoundedEvaluator current = evaluator;
        if (current == null) {
            synchronized (this) {
                current = evaluator;
                if (current == null) {
                    RoutingConfig.Rules limits = config == null ? null : config.rules();
                    current = limits == null
                            ? new BoundedEvaluator(DEFAULT_EVALUATION_THREADS, DEFAULT_EVALUATION_TIMEOUT)
                            : new BoundedEvaluator(limits.evaluationThreads(), limits.evaluationTimeout());
                    evaluator = current;
                }
            }
        }
        return current;
    }

    private int maxMatchedRules() {
        RoutingConfig.Rules limits = config == null ? null : config.rules();
        return limits == null ? CompiledRules.DEFAULT_MAX_MATCHED : Math.max(1, limits.maxMatchedRules());
    }

    void stop(@Observes ShutdownEvent event) {
        BoundedEvaluator current = evaluator;
        if (current != null) {
            current.shutdown();
        }
    }

    /** The version serving now. */
    public ActiveRules active() {
        ActiveRules rules = active.get();
        if (rules == null) {
            throw new IllegalStateException("No rule version is active yet");
        }
        return rules;
    }

    /** Reads the rule files from the configured directories. */
    public RuleSourceSet readSources() {
        return RuleSourceReader.read(Path.of(config.rulesDir()), Path.of(config.decisionTablesDir()));
    }

    /** @throws RuleCompilationException with every error when the files do not compile */
    public CompiledRules compile(RuleSourceSet sources) {
        return compiler.compile(sources);
    }

    /**
     * Like {@link #compile(RuleSourceSet)}; with {@code parallel} false, Drools builds every rule on the calling thread
     * instead of on its own thread pool, so a compile thread at a lower OS priority carries all of the work.
     *
     * @throws RuleCompilationException with every error when the files do not compile
     */
    public CompiledRules compile(RuleSourceSet sources, boolean parallel) {
        return (parallel ? compiler : callingThreadCompiler).compile(sources);
    }

    /**
     * Continues numbering after {@code lastSequence}, so versions recorded before a restart keep unique numbers.
     * Called before the start-up compile.
     */
    public void continueSequenceAfter(long lastSequence) {
        sequence.accumulateAndGet(lastSequence, Math::max);
    }

    /**
     * Makes the compiled rules the active version, warmed up first ({@link CompiledRules#warmUp}). Evaluations already
     * running keep the version they took; the old version's sessions are disposed (running ones when they finish) and
     * it is referenced from nowhere else here, so its KIE base can be collected.
     */
    public ActiveRules activate(CompiledRules rules, String trigger) {
        rules.warmUp();
        RuleVersion version = new RuleVersion(sequence.incrementAndGet(), rules.sources().contentHash(), Instant.now(), trigger);
        ActiveRules next = new ActiveRules(version, rules);
        ActiveRules previous = active.getAndSet(next);
        if (previous != null && previous.rules() != rules) {
            previous.rules().retire();
        }
        return next;
    }

    /**
     * Makes the compiled rules the active version under a sequence another instance published (the cluster's active
     * version) and under its recorded id, so the version id is the same on every instance. Numbering continues
     * after it.
     */
    public ActiveRules activateAs(CompiledRules rules, long publishedSequence, String publishedId, Instant activatedAt,
                                  String trigger) {
        rules.warmUp();
        sequence.accumulateAndGet(publishedSequence, Math::max);
        RuleVersion version = new RuleVersion(publishedSequence, rules.sources().contentHash(), activatedAt, trigger,
                publishedId);
        ActiveRules next = new ActiveRules(version, rules);
        ActiveRules previous = active.getAndSet(next);
        if (previous != null && previous.rules() != rules) {
            previous.rules().retire();
        }
        return next;
    }
}
