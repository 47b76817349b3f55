package io.leadrouter.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Assignment outcomes and the performance counters derived from them, kept in step: every change to outcome rows
 * goes through {@link #change}, which adds to the counters what the rows contribute after the change minus what they
 * contributed before. Joins the caller's transaction.
 */
@ApplicationScoped
public class Outcomes {

    private final PerformanceCounters counters;

    Outcomes(PerformanceCounters counters) {
        this.counters = counters;
    }

    /**
     * A new assignment: counted once for its rep, and, when it starts a chain, once for its rule.
     *
     * @param root the chain's first assignment, or null when this one is the first
     */
    @Transactional(Transactional.TxType.MANDATORY)
    AssignmentOutcomeEntity assigned(UUID decisionId, UUID root, String leadId, String repId, String ruleId,
                                     String pool, Instant assignedAt) {
        AssignmentOutcomeEntity row = new AssignmentOutcomeEntity();
        row.decisionId = decisionId;
        row.rootDecisionId = root == null ? decisionId : root;
        row.leadId = leadId;
        row.repId = repId;
        row.ruleId = ruleId == null ? "(none)" : ruleId;
        row.pool = pool;
        row.assignedAt = assignedAt;
        row.cohortDay = assignedAt.atZone(ZoneOffset.UTC).toLocalDate();
        row.persist();
        Map<PerformanceCounters.Key, Contribution.Delta> deltas = new HashMap<>();
        deltas.put(new PerformanceCounters.Key(PerformanceCounters.REP, repId, row.cohortDay),
                row.asAssignment().minus(Contribution.NONE));
        if (row.isRoot()) {
            deltas.put(new PerformanceCounters.Key(PerformanceCounters.RULE, row.ruleId, row.cohortDay),
                    row.asLead().minus(Contribution.NONE));
        }
        counters.add(deltas);
        return row;
    }

    /** Runs {@code mutation} on the rows (managed entities) and adds the difference it makes to the counters. */
    @Transactional(Transactional.TxType.MANDATORY)
    void change(List<AssignmentOutcomeEntity> rows, Runnable mutation) {
        Map<AssignmentOutcomeEntity, Contribution[]> before = new IdentityHashMap<>();
        for (AssignmentOutcomeEntity row : rows) {
            before.putIfAbsent(row, new Contribution[]{row.asAssignment(), row.asLead()});
        }
        mutation.run();
        Map<PerformanceCounters.Key, Contribution.Delta> deltas = new HashMap<>();
        before.forEach((row, was) -> {
            deltas.merge(new PerformanceCounters.Key(PerformanceCounters.REP, row.repId, row.cohortDay),
                    row.asAssignment().minus(was[0]), Contribution.Delta::plus);
            if (row.isRoot()) {
                deltas.merge(new PerformanceCounters.Key(PerformanceCounters.RULE, row.ruleId, row.cohortDay),
                        row.asLead().minus(was[1]), Contribution.Delta::plus);
            }
        });
        counters.add(deltas);
    }
}
