package io.leadrouter.backtest;

import io.leadrouter.config.LintConfig;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.Tier;
import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.RuleInventory;
import io.leadrouter.persistence.DecisionScanRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what makes a rule set misroute silently:
 * <ul>
 *   <li><b>same salience</b>: two rules of one activation group with equal salience that can match the same lead
 *       (no field both constrain has disjoint values), so which fires is up to the engine and the other never does;</li>
 *   <li><b>shadowed rows</b>: a rule that can never fire because a higher-salience rule of its group, whose
 *       conditions are fully understood (generated table columns: equality, {@code in} lists, ranges, blanks; or a
 *       single {@code Lead(...)} pattern of such constraints), matches every lead it matches;</li>
 *   <li><b>unservable targets</b>: a team, specialty or rep id no active rep on the roster has, or a required tier no
 *       active member of a pool has;</li>
 *   <li><b>dead rules</b>: rules that fired for no decision of the last {@code routing.lint.dead-rule-days} days
 *       (only when the log has decisions in that window).</li>
 * </ul>
 */
@ApplicationScoped
public class RuleLint {

    private static final Pattern TEAM = Pattern.compile("routing\\.assignToTeam\\(\\s*\"([^\"]+)\"");
    private static final Pattern SPECIALISTS = Pattern.compile("routing\\.assignToSpecialists\\(\\s*\"([^\"]+)\"");
    private static final Pattern REP = Pattern.compile("routing\\.assignToRep\\(\\s*\"([^\"]+)\"");
    private static final Pattern TIER = Pattern.compile("routing\\.requireTier\\(\\s*Tier\\.(\\w+)\\s*\\)");
    private static final Pattern FIRED_NAME = Pattern.compile("\"name\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final LintConfig config;
    private final DecisionScanRepository decisions;

    public RuleLint(LintConfig config, DecisionScanRepository decisions) {
        this.config = config;
        this.decisions = decisions;
    }

    public List<LintFinding> lint(CompiledRules rules, List<Rep> roster) {
        List<RuleInventory.RuleEntry> entries = RuleInventory.of(rules);
        List<LintFinding> findings = new ArrayList<>();
        findings.addAll(precedence(entries));
        findings.addAll(unservable(entries, roster));
        findings.addAll(dead(entries));
        return List.copyOf(findings);
    }

    /** Same-salience overlaps and shadowed rules, within each activation group. */
    static List<LintFinding> precedence(List<RuleInventory.RuleEntry> entries) {
        Map<String, List<RuleInventory.RuleEntry>> groups = new LinkedHashMap<>();
        for (RuleInventory.RuleEntry entry : entries) {
            if (entry.activationGroup() != null && entry.salience() != null) {
                groups.computeIfAbsent(entry.activationGroup(), g -> new ArrayList<>()).add(entry);
            }
        }
        List<LintFinding> findings = new ArrayList<>();
        for (List<RuleInventory.RuleEntry> group : groups.values()) {
            Map<RuleInventory.RuleEntry, LeadConstraints> constraints = new LinkedHashMap<>();
            group.forEach(e -> constraints.put(e, constraintsOf(e)));
            for (int i = 0; i < group.size(); i++) {
                RuleInventory.RuleEntry a = group.get(i);
                for (int j = i + 1; j < group.size(); j++) {
                    RuleInventory.RuleEntry b = group.get(j);
                    if (a.salience().equals(b.salience()) && !constraints.get(a).disjointFrom(constraints.get(b))) {
                        findings.add(LintFinding.of(LintFinding.SAME_SALIENCE, b.name(), b.origin(),
                                "'" + b.name() + "' (" + LintFinding.where(b.origin()) + ") and '" + a.name() + "' ("
                                        + LintFinding.where(a.origin()) + ") are both in activation group '"
                                        + a.activationGroup() + "' at salience " + a.salience()
                                        + " and can match the same lead: only one of them fires, and which is not "
                                        + "defined by the rules. Give the more specific one a higher salience.",
                                List.of(a.name() + " @ " + LintFinding.where(a.origin()))));
                    }
                }
            }
            for (RuleInventory.RuleEntry narrower : group) {
                for (RuleInventory.RuleEntry wider : group) {
                    if (wider.salience() > narrower.salience() && constraints.get(wider).covers(constraints.get(narrower))) {
                        findings.add(LintFinding.of(LintFinding.SHADOWED_ROW, narrower.name(), narrower.origin(),
                                "'" + narrower.name() + "' (" + LintFinding.where(narrower.origin()) + ") can never fire: '"
                                        + wider.name() + "' (" + LintFinding.where(wider.origin()) + ", salience "
                                        + wider.salience() + ") matches every lead it matches and wins activation group '"
                                        + wider.activationGroup() + "'.",
                                List.of(wider.name() + " @ " + LintFinding.where(wider.origin()))));
                        break;
                    }
                }
            }
        }
        return findings;
    }

    static LeadConstraints constraintsOf(RuleInventory.RuleEntry entry) {
        return entry.tableConditions() != null ? LeadConstraints.ofTableRow(entry.tableConditions())
                : LeadConstraints.ofDrl(entry.conditions());
    }

    /** Targets no active rep can serve, and required tiers a pool has no active member of. */
    static List<LintFinding> unservable(List<RuleInventory.RuleEntry> entries, List<Rep> roster) {
        List<Rep> active = roster.stream().filter(Rep::isActive).toList();
        List<LintFinding> findings = new ArrayList<>();
        Map<Tier, String> requiredBy = new LinkedHashMap<>();
        for (RuleInventory.RuleEntry entry : entries) {
            Matcher tier = TIER.matcher(entry.actions());
            while (tier.find()) {
                try {
                    requiredBy.putIfAbsent(Tier.valueOf(tier.group(1)), entry.name());
                } catch (IllegalArgumentException notATier) {
                    // the compiler would have refused it
                }
            }
        }
        for (RuleInventory.RuleEntry entry : entries) {
            for (String team : all(TEAM, entry.actions())) {
                List<Rep> members = active.stream().filter(r -> team.equalsIgnoreCase(r.getTeam())).toList();
                pool(entry, "team '" + team + "'", members, requiredBy, findings);
            }
            for (String specialty : all(SPECIALISTS, entry.actions())) {
                List<Rep> members = active.stream().filter(r -> r.hasSpecialty(specialty)).toList();
                pool(entry, "specialty '" + specialty + "'", members, requiredBy, findings);
            }
            for (String rep : all(REP, entry.actions())) {
                if (active.stream().noneMatch(r -> rep.equals(r.getId()))) {
                    findings.add(LintFinding.of(LintFinding.UNSERVABLE_TARGET, entry.name(), entry.origin(),
                            "'" + entry.name() + "' assigns rep '" + rep + "', who is not an active rep on the roster: "
                                    + "its leads go to the fallback queue.", List.of()));
                }
            }
        }
        return findings;
    }

    private static void pool(RuleInventory.RuleEntry entry, String pool, List<Rep> members, Map<Tier, String> requiredBy,
                             List<LintFinding> findings) {
        if (members.isEmpty()) {
            findings.add(LintFinding.of(LintFinding.UNSERVABLE_TARGET, entry.name(), entry.origin(),
                    "'" + entry.name() + "' assigns " + pool + ", which no active rep on the roster has: every lead "
                            + "it takes goes to the fallback queue.", List.of()));
            return;
        }
        for (Map.Entry<Tier, String> required : requiredBy.entrySet()) {
            if (members.stream().noneMatch(r -> r.getTier() != null && r.getTier().atLeast(required.getKey()))) {
                findings.add(LintFinding.of(LintFinding.UNSERVABLE_TARGET, entry.name(), entry.origin(),
                        "'" + entry.name() + "' assigns " + pool + ", which has no active " + required.getKey()
                                + " rep: every lead for which '" + required.getValue() + "' requires "
                                + required.getKey() + " goes to the fallback queue.",
                        List.of(required.getValue())));
            }
        }
    }

    /** Rules no decision of the window fired. Nothing when the window has no decisions (nothing to judge by). */
    List<LintFinding> dead(List<RuleInventory.RuleEntry> entries) {
        int days = config.deadRuleDays();
        if (days <= 0 || entries.isEmpty()) {
            return List.of();
        }
        DecisionScanRepository.Window window = new DecisionScanRepository.Window(
                Instant.now().minus(Duration.ofDays(days)), null, null, null);
        Set<String> fired = new HashSet<>();
        long[] seen = {0};
        decisions.scan(window, 1000, false, logged -> {
            seen[0]++;
            Matcher m = FIRED_NAME.matcher(logged.matchedRules());
            while (m.find()) {
                fired.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
        });
        if (seen[0] == 0) {
            return List.of();
        }
        List<LintFinding> findings = new ArrayList<>();
        for (RuleInventory.RuleEntry entry : entries) {
            if (!fired.contains(entry.name())) {
                findings.add(LintFinding.of(LintFinding.DEAD_RULE, entry.name(), entry.origin(),
                        "'" + entry.name() + "' fired for none of the " + seen[0] + " decisions of the last " + days
                                + " days.", List.of()));
            }
        }
        return findings;
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> values = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
