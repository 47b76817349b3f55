package io.leadrouter.engine;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.MatchedRule;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.Routing;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A compiled, immutable rule base and the way to evaluate one lead against it. Safe to share between threads:
 * each evaluation has a session to itself, taken from this rule base's {@link SessionPool} and emptied afterwards.
 */
public final class CompiledRules {

    static final String DEFAULT_PACKAGE = "defaultpkg";

    /**
     * Upper bound on rule firings for one lead. A rule that keeps re-triggering itself would otherwise spin forever;
     * real rule sets fire a few dozen.
     */
    static final int MAX_FIRINGS = 10_000;

    private final KieBase kieBase;
    private final RuleSourceSet sources;
    private final Map<String, RuleOrigin> origins;
    /** The same origins keyed by the rule objects the engine reports, so a fired rule needs no string key built. */
    private final Map<Rule, RuleOrigin> originsByRule;
    private final int ruleCount;
    private final boolean usesRoutingGlobal;
    private final Duration compileTime;
    private final SessionPool sessions;
    /** Rules that ran past the evaluation budget, by rule (or "" for a condition), reported like compile errors. */
    private final Map<String, RuleError> timeouts = new ConcurrentHashMap<>();
    private final Map<String, RuleError> refusals = new ConcurrentHashMap<>();
    private final AtomicBoolean warmedUp = new AtomicBoolean();

    CompiledRules(KieBase kieBase, RuleSourceSet sources, Map<String, RuleOrigin> origins, int ruleCount,
                  boolean usesRoutingGlobal, Duration compileTime) {
        // Installs the run-time guard here, on the compiling thread, not inside a lead's time-budgeted evaluation.
        RuleSandbox.guarded();
        this.kieBase = kieBase;
        this.sources = sources;
        this.origins = Map.copyOf(origins);
        this.originsByRule = byRule(kieBase, this.origins);
        this.ruleCount = ruleCount;
        this.usesRoutingGlobal = usesRoutingGlobal;
        this.compileTime = compileTime;
        this.sessions = new SessionPool(kieBase, this::describe, SessionPool.defaultCapacity());
    }

    /** Matched rules an evaluation lists when the caller sets no limit. */
    static final int DEFAULT_MAX_MATCHED = 100;

    /**
     * Fires every rule that matches the lead and the roster. The lead is copied first: rules change its score and
     * priority, never the caller's object. A rule that throws, or loops, yields an evaluation with a failure
     * instead of an exception, so the caller can still route the lead to a fallback.
     */
    public Evaluation evaluate(Lead lead, List<Rep> roster) {
        return evaluate(lead, roster, new EvaluationRun(), DEFAULT_MAX_MATCHED);
    }

    /**
     * Like {@link #evaluate(Lead, List)}, on the calling thread, reporting to {@code run}: a run the caller abandoned
     * halts at the next firing, and its session is disposed, never reused.
     *
     * @param maxMatched how many fired rules the evaluation lists; the others are only counted
     */
    Evaluation evaluate(Lead lead, List<Rep> roster, EvaluationRun run, int maxMatched) {
        Lead fact = lead.copy();
        SessionPool.PooledSession pooled = sessions.borrow();
        KieSession session = pooled.session;
        Routing routing = new Routing(fact, property -> session.update(pooled.leadHandle, fact, property));
        List<MatchedRule> matched = pooled.begin(routing, run, maxMatched);
        String failure = null;
        int notRecorded = 0;
        try {
            run.started(session);
            RuleSandbox.Guarded<Integer> guarded = RuleSandbox.run(() -> {
                if (usesRoutingGlobal) {
                    session.setGlobal(RuleCompiler.ROUTING_GLOBAL, routing);
                }
                pooled.leadHandle = pooled.insert(fact);
                for (Rep rep : roster) {
                    pooled.insert(rep);
                }
                return session.fireAllRules(MAX_FIRINGS);
            }, run::firing);
            if (guarded.refused() != null) {
                failure = refusal(guarded.refused());
            } else if (guarded.failure() != null) {
                failure = describeFailure(guarded.failure());
            } else if (guarded.result() >= MAX_FIRINGS) {
                failure = "stopped after " + MAX_FIRINGS + " rule firings: a rule keeps re-triggering itself";
            }
        } finally {
            notRecorded = pooled.notRecorded();
            run.finished();
            // A run the caller gave up on may have stopped anywhere: its session's state is unknown.
            sessions.giveBack(pooled, failure == null && !run.abandoned());
        }
        return new Evaluation(null, fact, routing, List.copyOf(matched), failure, notRecorded, false);
    }

    /**
     * Evaluates one made-up lead against one made-up rep, once per rule base, before it serves: the first evaluation
     * of a new rule base pays for its session, the rule network's first use and class loading, which on a loaded
     * machine ran past the 500 ms evaluation budget and sent the first leads of every new version (and of every
     * start) to the fallback queue. The outcome is discarded; a clean session goes back to the pool for the first lead.
     */
    void warmUp() {
        if (warmedUp.compareAndSet(false, true)) {
            Lead lead = new Lead();
            lead.setId("warm-up");
            Rep rep = new Rep();
            rep.setId("warm-up");
            evaluate(lead, List.of(rep));
        }
    }

    /** Remembers that an evaluation ran past its budget while {@code rule} fired (null: in a condition). */
    void recordTimeout(Rule rule, String reason) {
        remember(timeouts, rule, reason);
    }

    /**
     * Every rule of this version that ran past the evaluation budget, once each, located like a compile error: the
     * version compiles, but these rules must be fixed.
     */
    public List<RuleError> timeouts() {
        return List.copyOf(timeouts.values());
    }

    /** Where the rule is written, for reports about it. */
    RuleOrigin originOf(Rule rule) {
        RuleOrigin origin = originsByRule.get(rule);
        return origin != null ? origin : originOf(rule.getPackageName(), rule.getName());
    }

    public RuleOrigin originOf(String packageName, String ruleName) {
        return origins.get(key(packageName, ruleName));
    }

    /** Called once another version has replaced this one: its idle sessions are disposed, later ones on return. */
    void retire() {
        sessions.close();
    }

    /** For tests of session reuse. */
    SessionPool sessions() {
        return sessions;
    }

    /** For tests that check an old rule base is collectable after a swap. */
    KieBase kieBase() {
        return kieBase;
    }

    public RuleSourceSet sources() {
        return sources;
    }

    public int ruleCount() {
        return ruleCount;
    }

    public Duration compileTime() {
        return compileTime;
    }

    /** Every rule with where it is written, for the rules status page. */
    public Map<String, RuleOrigin> origins() {
        return origins;
    }

    private static Map<Rule, RuleOrigin> byRule(KieBase kieBase, Map<String, RuleOrigin> origins) {
        Map<Rule, RuleOrigin> byRule = new IdentityHashMap<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                RuleOrigin origin = origins.get(key(rule.getPackageName(), rule.getName()));
                if (origin != null) {
                    byRule.put(rule, origin);
                }
            }
        }
        return byRule;
    }

    static String key(String packageName, String ruleName) {
        return (packageName == null ? DEFAULT_PACKAGE : packageName) + "/" + ruleName;
    }

    private MatchedRule describe(Rule rule, int salience, List<String> effects) {
        RuleOrigin origin = originsByRule.get(rule);
        if (origin == null) {
            origin = originOf(rule.getPackageName(), rule.getName());
        }
        if (origin == null) {
            return new MatchedRule(rule.getName(), null, null, null, null, null, salience, effects);
        }
        return new MatchedRule(rule.getName(), origin.file(), origin.kind(), origin.line(), origin.sheet(), origin.row(),
                salience, effects);
    }

    /** A refused call, in words, located at its rule; remembered for the rules status like a compile error. */
    private String refusal(RuleSandbox.Refused refused) {
        Rule rule = refused.site() instanceof Rule firing ? firing : null;
        String where = rule == null ? "a rule condition" : "rule '" + rule.getName() + "'";
        String reason = where + " tried to " + refused.what() + ", which rules may not do (docs/security.md, \"What a"
                + " rule may do\"); the call was refused";
        remember(refusals, rule, reason);
        return reason;
    }

    /** Keeps the first run-time fault of each rule (null: a condition), located like a compile error. */
    private void remember(Map<String, RuleError> faults, Rule rule, String reason) {
        RuleOrigin origin = rule == null ? null : originOf(rule);
        String key = rule == null ? "" : key(rule.getPackageName(), rule.getName());
        faults.putIfAbsent(key, origin == null ? new RuleError(null, null, null, null, reason)
                : new RuleError(origin.file(), origin.line(), origin.sheet(), origin.row(), reason));
    }

    /** Every rule of this version whose call was refused at run time, once each, located like a compile error. */
    public List<RuleError> refusals() {
        return List.copyOf(refusals.values());
    }

    private static String describeFailure(RuntimeException e) {
        // ConsequenceException names the rule; its cause says what went wrong in the action.
        StringBuilder message = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        if (e.getCause() != null && e.getCause() != e) {
            message.append(": ").append(e.getCause());
        }
        String text = message.toString();
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
