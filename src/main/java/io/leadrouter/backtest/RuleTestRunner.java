package io.leadrouter.backtest;

import io.leadrouter.domain.MatchedRule;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.Evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs rule test cases against a compiled rule base. Checks the rule-level outcome (the target a rule picked, the
 * rule that picked it, score, priority), never which rep of a pool distribution would pick: that depends on the day's
 * pool state, the rules do not. Writes nothing.
 */
public final class RuleTestRunner {

    private RuleTestRunner() {
    }

    /** Every failing expectation of every case, in file and row order; empty when all pass. */
    public static List<RuleTestFailure> run(CompiledRules rules, List<Rep> roster, List<RuleTestCase> cases) {
        List<RuleTestFailure> failures = new ArrayList<>();
        for (RuleTestCase testCase : cases) {
            Evaluation evaluation = rules.evaluate(testCase.lead(), roster);
            List<String> fired = evaluation.matchedRules().stream().map(MatchedRule::name).toList();
            if (evaluation.failed()) {
                failures.add(failure(testCase, "evaluation", "the rules to finish", "they failed: " + evaluation.failure(), fired));
                continue;
            }
            RoutingTarget target = evaluation.routing().getTarget();
            String targetRule = evaluation.routing().getTargetRule();
            check(testCase, RuleTestSuite.TEAM, testCase.team(), RoutingTarget.Kind.TEAM, target, targetRule, fired, failures);
            check(testCase, RuleTestSuite.REP, testCase.rep(), RoutingTarget.Kind.REP, target, targetRule, fired, failures);
            check(testCase, RuleTestSuite.QUEUE, testCase.queue(), RoutingTarget.Kind.QUEUE, target, targetRule, fired, failures);
            check(testCase, RuleTestSuite.SPECIALISTS, testCase.specialists(), RoutingTarget.Kind.SPECIALISTS, target,
                    targetRule, fired, failures);
            if (testCase.rule() != null && !hasId(targetRule, testCase.rule())) {
                failures.add(failure(testCase, RuleTestSuite.RULE, "target picked by " + testCase.rule(),
                        targetRule == null ? "no rule picked a target" : "picked by " + targetRule, fired));
            }
            if (testCase.score() != null && testCase.score() != evaluation.lead().getScore()) {
                failures.add(failure(testCase, RuleTestSuite.SCORE, String.valueOf(testCase.score()),
                        String.valueOf(evaluation.lead().getScore()), fired));
            }
            if (testCase.priority() != null && testCase.priority() != evaluation.lead().getPriority()) {
                failures.add(failure(testCase, RuleTestSuite.PRIORITY, testCase.priority().name(),
                        evaluation.lead().getPriority().name(), fired));
            }
        }
        return failures;
    }

    /** A rule name starts with its id: {@code "TERR-010 DACH ..."} has id {@code TERR-010}. */
    public static boolean hasId(String ruleName, String id) {
        return ruleName != null && (ruleName.equals(id) || ruleName.startsWith(id + " "));
    }

    private static void check(RuleTestCase testCase, String column, String expected, RoutingTarget.Kind kind,
                              RoutingTarget target, String targetRule, List<String> fired, List<RuleTestFailure> failures) {
        if (expected == null) {
            return;
        }
        boolean same = target != null && target.kind() == kind && (kind == RoutingTarget.Kind.REP
                ? Objects.equals(target.value(), expected) : target.value().equalsIgnoreCase(expected));
        if (!same) {
            failures.add(failure(testCase, column, new RoutingTarget(kind, expected).toString(),
                    target == null ? "no target (no assignment rule fired)" : target + " (by " + targetRule + ")", fired));
        }
    }

    private static RuleTestFailure failure(RuleTestCase testCase, String field, String expected, String actual,
                                           List<String> fired) {
        return new RuleTestFailure(testCase.file(), testCase.sheet(), testCase.row(), testCase.label(), field,
                expected, actual, fired);
    }
}
