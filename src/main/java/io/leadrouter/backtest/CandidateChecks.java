package io.leadrouter.backtest;

import io.leadrouter.config.LintConfig;
import io.leadrouter.config.RoutingConfig;
import io.leadrouter.config.RuleTestsConfig;
import io.leadrouter.domain.Rep;
import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.RuleError;
import io.leadrouter.persistence.RepRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checks a compiled candidate must pass before it is activated, run between compile and activate on every change
 * (start-up, file change, upload, delete, rollback): sales ops' rule test cases ({@code rules/tests/}) and the lint.
 * A failing case, or a lint finding of a kind configured to block ({@code routing.lint.block-on}), rejects the
 * candidate like a compile error, unless an admin forces it; the version's trigger then records that it was forced.
 * The roster is read from the database once per check; nothing is written.
 */
@ApplicationScoped
public class CandidateChecks {

    /** Lint findings logged one by one per compile; the rest are counted. */
    static final int LOGGED_FINDINGS = 20;

    private static final Logger LOG = Logger.getLogger(CandidateChecks.class);

    /**
     * What the checks found.
     *
     * @param casesRun   rule test cases run
     * @param failures   failing cases and unreadable test files
     * @param findings   every lint finding
     * @param blockOn    the finding kinds that block
     * @param forced     whether an admin activated the candidate despite blocking results
     */
    public record Verdict(int casesRun, List<RuleTestFailure> failures, List<LintFinding> findings, Set<String> blockOn,
                          boolean forced) {

        public List<LintFinding> blockingFindings() {
            return findings.stream().filter(f -> blockOn.contains("all") || blockOn.contains(f.kind())).toList();
        }

        public boolean blocks() {
            return !failures.isEmpty() || !blockingFindings().isEmpty();
        }

        /** Failing cases and blocking findings as located errors. */
        public List<RuleError> blockingErrors() {
            List<RuleError> errors = new ArrayList<>(failures.stream().map(RuleTestFailure::toRuleError).toList());
            blockingFindings().forEach(f -> errors.add(f.toRuleError()));
            return errors;
        }

        /** Appended to the trigger of a forced version, so the history says so. */
        public String forcedNote() {
            return " (forced by an admin past " + failures.size() + " failing rule test(s) and "
                    + blockingFindings().size() + " blocking lint finding(s))";
        }

        Verdict asForced() {
            return new Verdict(casesRun, failures, findings, blockOn, true);
        }
    }

    private final RoutingConfig routing;
    private final RuleTestsConfig tests;
    private final LintConfig lintConfig;
    private final RepRepository reps;
    private final RuleLint lint;
    private volatile Verdict last;

    public CandidateChecks(RoutingConfig routing, RuleTestsConfig tests, LintConfig lintConfig, RepRepository reps,
                           RuleLint lint) {
        this.routing = routing;
        this.tests = tests;
        this.lintConfig = lintConfig;
        this.reps = reps;
        this.lint = lint;
    }

    /**
     * Runs every check on the candidate.
     *
     * @param force activate even if a check blocks (admin only); the verdict then says {@code forced}
     * @throws CandidateRejectedException when a check blocks and {@code force} is false
     */
    public Verdict verify(CompiledRules candidate, boolean force) {
        Verdict verdict = check(candidate);
        last = verdict;
        if (verdict.blocks()) {
            if (!force) {
                throw new CandidateRejectedException(verdict);
            }
            verdict = verdict.asForced();
            LOG.warnf("Rule change forced past its checks:%s", verdict.forcedNote());
        }
        return verdict;
    }

    /** Runs every check and reports; blocks nothing. For backtests and the lint endpoint. */
    public Verdict check(CompiledRules candidate) {
        List<Rep> roster = QuarkusTransaction.requiringNew().call(reps::roster);
        int casesRun = 0;
        List<RuleTestFailure> failures = new ArrayList<>();
        if (tests.enabled()) {
            RuleTestSuite.Loaded loaded = RuleTestSuite.read(testDirectories());
            failures.addAll(loaded.unreadable());
            failures.addAll(RuleTestRunner.run(candidate, roster, loaded.cases()));
            casesRun = loaded.cases().size();
        }
        List<LintFinding> findings = lint.lint(candidate, roster);
        logFindings(findings);
        return new Verdict(casesRun, List.copyOf(failures), findings, lintConfig.blockOn().orElse(Set.of()), false);
    }

    /**
     * The first {@value #LOGGED_FINDINGS} findings one by one, the rest as counts per kind: a 3,000-row table whose
     * teams have no reps yet gave 4,400 warnings per compile (4 MB of log per reload in the soak, BENCHMARKS.md).
     * All of them are in {@code GET /api/rules/lint} and the reload status.
     */
    private static void logFindings(List<LintFinding> findings) {
        for (LintFinding finding : findings.subList(0, Math.min(LOGGED_FINDINGS, findings.size()))) {
            LOG.warnf("Rule lint: %s", finding.toRuleError());
        }
        if (findings.size() > LOGGED_FINDINGS) {
            Map<String, Long> perKind = new TreeMap<>();
            findings.subList(LOGGED_FINDINGS, findings.size()).forEach(f -> perKind.merge(f.kind(), 1L, Long::sum));
            LOG.warnf("Rule lint: %d more finding(s) not logged %s; GET /api/rules/lint lists them all",
                    findings.size() - LOGGED_FINDINGS, perKind);
        }
    }

    /** The verdict of the latest compile's checks, or null before the first. */
    public Verdict last() {
        return last;
    }

    List<Path> testDirectories() {
        return List.of(Path.of(routing.rulesDir()), Path.of(routing.decisionTablesDir()));
    }
}
