package io.leadrouter.backtest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadrouter.domain.Lead;
import io.leadrouter.domain.MatchedRule;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.Evaluation;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.persistence.DecisionScanRepository;
import io.leadrouter.persistence.RepRepository;
import io.leadrouter.distribution.DistributionSimulator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays leads against the active rules and a candidate and reports the difference. Rule-level outcomes are exact:
 * the target a rule picked, the rules that fired, score and priority. Which rep of a pool would get the lead is
 * simulated ({@link DistributionSimulator}): each side starts from its own in-memory copy of today's pool state.
 * Nothing is written: no decision, no counter, no pool state, no push-back. Leads are streamed: the decision log in
 * pages, a CSV row by row; only the counters and the requested page of changed leads are kept.
 */
@ApplicationScoped
public class BacktestService {

    /** Before → after for one target or rule. */
    public record Shift(String name, long before, long after, double shareBefore, double shareAfter) {
    }

    /** A lead whose outcome the candidate changes. */
    public record ChangedLead(String leadId, @Schema(nullable = true) Integer row, String before, String after,
                              @Schema(nullable = true) String ruleBefore, @Schema(nullable = true) String ruleAfter, int scoreBefore, int scoreAfter,
                              String priorityBefore, String priorityAfter, List<String> onlyBefore, List<String> onlyAfter,
                              @Schema(nullable = true) String assigneeBefore, @Schema(nullable = true) String assigneeAfter) {
    }

    /**
     * @param leads        leads replayed
     * @param changed      leads whose target changes
     * @param targets      per target: leads before → after
     * @param rules        per rule of either version: fire counts before → after (0 → 0: dead in both)
     * @param scores       per score band of 10: leads before → after
     * @param priorities   per priority: leads before → after
     * @param changedLeads the requested page of changed leads
     * @param distribution how the assignees were obtained: simulated from the pool state at a time
     * @param assignees    per simulated assignee (rep, queue, held): leads before → after
     * @param assigneeChanged leads whose simulated assignee differs (includes every target change that moves a lead)
     */
    public record Report(long leads, long changed, List<Shift> targets, List<Shift> rules, List<Shift> scores,
                         List<Shift> priorities, List<ChangedLead> changedLeads, int page, int pageSize,
                         String distribution, List<LintFinding> lint, List<Shift> assignees, long assigneeChanged) {
    }

    private final RuleEngine engine;
    private final RepRepository reps;
    private final DecisionScanRepository decisions;
    private final RuleLint lint;
    private final ObjectMapper snapshots;
    private final DistributionSimulator simulator;

    public BacktestService(RuleEngine engine, RepRepository reps, DecisionScanRepository decisions, RuleLint lint,
                           ObjectMapper json, DistributionSimulator simulator) {
        this.simulator = simulator;
        this.engine = engine;
        this.reps = reps;
        this.decisions = decisions;
        this.lint = lint;
        // Snapshots carry derived getters (emailDomain) that have no setter.
        this.snapshots = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** Replays the decision log's lead snapshots in the window. @throws BadInputException for an empty window */
    public Report fromLog(CompiledRules candidate, DecisionScanRepository.Window window, int page, int pageSize) {
        Tally tally = new Tally(candidate, page, pageSize);
        decisions.scan(window, 500, true, logged -> {
            try {
                tally.add(snapshots.readValue(logged.leadSnapshot(), Lead.class), null);
            } catch (IOException e) {
                throw new IllegalStateException("Decision " + logged.id() + " has an unreadable lead snapshot", e);
            }
        });
        if (tally.leads == 0) {
            throw BadInputException.at(null, "from", "the decision log has no decisions in this window"
                    + " (from " + window.from() + " to " + window.to() + ")");
        }
        return tally.report();
    }

    /** Replays an uploaded CSV of leads. @throws BadInputException naming row and column */
    public Report fromCsv(CompiledRules candidate, String csv, int page, int pageSize) {
        Tally tally = new Tally(candidate, page, pageSize);
        try (CsvRows rows = new CsvRows(new StringReader(csv))) {
            CsvRows.Row header = rows.next();
            if (header == null || header.isBlank()) {
                throw BadInputException.at(null, "csv", "the file is empty: the first row must name the lead fields");
            }
            LeadColumns columns = LeadColumns.of(header.cells());
            for (CsvRows.Row row = rows.next(); row != null; row = rows.next()) {
                if (!row.isBlank()) {
                    tally.add(columns.lead(row), row.number());
                }
            }
        }
        if (tally.leads == 0) {
            throw BadInputException.at(null, "csv", "the file has a header but no leads");
        }
        return tally.report();
    }

    private final class Tally {
        final CompiledRules before = engine.active().rules();
        final CompiledRules after;
        final List<Rep> roster = QuarkusTransaction.requiringNew().call(reps::roster);
        final int page;
        final int pageSize;
        long leads;
        long changed;
        final Map<String, long[]> targets = new TreeMap<>();
        final Map<String, long[]> rules = new TreeMap<>();
        final Map<String, long[]> scores = new TreeMap<>();
        final Map<String, long[]> priorities = new TreeMap<>();
        final List<ChangedLead> changedLeads = new ArrayList<>();
        final Map<String, long[]> assignees = new TreeMap<>();
        long assigneeChanged;
        // Each side distributes from its own copy of today's state, so only the rule change separates them.
        final DistributionSimulator.Simulation simulatedBefore = simulator.start(roster);
        final DistributionSimulator.Simulation simulatedAfter = simulator.start(roster);

        Tally(CompiledRules after, int page, int pageSize) {
            this.after = after;
            this.page = page;
            this.pageSize = pageSize;
            before.origins().keySet().forEach(k -> rules.put(k.substring(k.indexOf('/') + 1), new long[2]));
            after.origins().keySet().forEach(k -> rules.put(k.substring(k.indexOf('/') + 1), new long[2]));
        }

        void add(Lead lead, Integer row) {
            leads++;
            Evaluation old = before.evaluate(lead, roster);
            Evaluation now = after.evaluate(lead, roster);
            String oldTarget = describe(old);
            String newTarget = describe(now);
            count(targets, oldTarget, 0);
            count(targets, newTarget, 1);
            Set<String> oldRules = names(old);
            Set<String> newRules = names(now);
            oldRules.forEach(r -> count(rules, r, 0));
            newRules.forEach(r -> count(rules, r, 1));
            count(scores, band(old.lead().getScore()), 0);
            count(scores, band(now.lead().getScore()), 1);
            count(priorities, old.lead().getPriority().name(), 0);
            count(priorities, now.lead().getPriority().name(), 1);
            String oldAssignee = simulatedBefore.place(old).describe();
            String newAssignee = simulatedAfter.place(now).describe();
            count(assignees, oldAssignee, 0);
            count(assignees, newAssignee, 1);
            if (!oldAssignee.equals(newAssignee)) {
                assigneeChanged++;
            }
            if (!Objects.equals(oldTarget, newTarget)) {
                changed++;
                long index = changed - 1;
                if (index >= (long) page * pageSize && index < (long) (page + 1) * pageSize) {
                    List<String> onlyBefore = oldRules.stream().filter(r -> !newRules.contains(r)).toList();
                    List<String> onlyAfter = newRules.stream().filter(r -> !oldRules.contains(r)).toList();
                    changedLeads.add(new ChangedLead(lead.getId(), row, oldTarget, newTarget,
                            old.failed() ? null : old.routing().getTargetRule(),
                            now.failed() ? null : now.routing().getTargetRule(), old.lead().getScore(),
                            now.lead().getScore(), old.lead().getPriority().name(), now.lead().getPriority().name(),
                            onlyBefore, onlyAfter, oldAssignee, newAssignee));
                }
            }
        }

        Report report() {
            return new Report(leads, changed, shifts(targets), shifts(rules), shifts(scores), shifts(priorities),
                    changedLeads, page, pageSize, "simulated from pool state at " + simulatedBefore.startedAt()
                    + ": which rep of a pool gets each lead (assignees, assigneeBefore/After) is simulated on an"
                    + " in-memory copy of the pools' turns, weights, caps and eligibility, separately for each side;"
                    + " nothing is stored. Rule-level targets, rules, scores and priorities are exact",
                    lint.lint(after, roster), shifts(assignees), assigneeChanged);
        }

        private List<Shift> shifts(Map<String, long[]> counts) {
            return counts.entrySet().stream().map(e -> new Shift(e.getKey(), e.getValue()[0], e.getValue()[1],
                    share(e.getValue()[0]), share(e.getValue()[1]))).toList();
        }

        private double share(long n) {
            return leads == 0 ? 0 : Math.round(n * 10000.0 / leads) / 10000.0;
        }
    }

    private static String describe(Evaluation evaluation) {
        RoutingTarget target = evaluation.failed() ? null : evaluation.routing().getTarget();
        return target == null ? "no target (fallback queue)" : target.toString();
    }

    private static Set<String> names(Evaluation evaluation) {
        Set<String> names = new LinkedHashSet<>();
        evaluation.matchedRules().stream().map(MatchedRule::name).forEach(names::add);
        return names;
    }

    private static String band(int score) {
        int low = Math.floorDiv(score, 10) * 10;
        return String.format("%04d..%04d", low, low + 9);
    }

    private static void count(Map<String, long[]> counts, String key, int side) {
        counts.computeIfAbsent(key, k -> new long[2])[side]++;
    }

}
