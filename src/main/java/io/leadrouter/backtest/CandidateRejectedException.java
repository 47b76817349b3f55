package io.leadrouter.backtest;

import io.leadrouter.engine.RuleCompilationException;

/**
 * A candidate rule set that compiles but fails its rule tests (or a lint check configured to block). A subtype of
 * {@link RuleCompilationException} on purpose: it blocks activation exactly like a compile error (the last good
 * version keeps serving, {@code lastAttempt} lists every failure located), and answers a 422 of its own type.
 */
public class CandidateRejectedException extends RuleCompilationException {

    private final transient CandidateChecks.Verdict verdict;

    public CandidateRejectedException(CandidateChecks.Verdict verdict) {
        super(verdict.blockingErrors());
        this.verdict = verdict;
    }

    public CandidateChecks.Verdict verdict() {
        return verdict;
    }
}
