package io.leadrouter.rules;

import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.RuleCompiler;
import io.leadrouter.engine.RuleInventory;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The precedence conventions of rules/README.md ("Conventions"), checked on the shipped rules as the engine compiled
 * them (salience and activation group from the KIE base, actions from the DRL, generated DRL for a table row):
 * <ul>
 *     <li>each id prefix has a salience band, and every rule's salience is inside its prefix's band;</li>
 *     <li>every rule that assigns the lead ({@code routing.assignTo…}, {@code routing.routeToQueue}) is in activation
 *     group {@code "assignment"}, and nothing else is (a non-assigning rule there would cancel the assignment).</li>
 * </ul>
 * A new prefix needs a row in the README's band table and in {@link #BANDS}.
 */
class RuleConventionsTest {

    static final String ASSIGNMENT_GROUP = "assignment";

    /** A salience band, both ends inclusive, and whether its rules assign the lead. */
    record Band(int from, int to, boolean assigns) {
    }

    private static final Band SCORING = new Band(1000, 1999, false);
    private static final Band QUALIFICATION = new Band(500, 999, false);
    private static final Band ASSIGNMENT = new Band(100, 499, true);
    private static final Band CATCH_ALL = new Band(0, 0, true);

    /** rules/README.md's band table, by id prefix. */
    static final Map<String, Band> BANDS = Map.ofEntries(
            Map.entry("SCORE", SCORING),
            Map.entry("PRIO", QUALIFICATION), Map.entry("VALUE", QUALIFICATION),
            Map.entry("OWNER", ASSIGNMENT), Map.entry("PARTNER", ASSIGNMENT), Map.entry("VIP", ASSIGNMENT),
            Map.entry("NURTURE", ASSIGNMENT), Map.entry("SPEC", ASSIGNMENT), Map.entry("TERR", ASSIGNMENT),
            Map.entry("DEFAULT", CATCH_ALL));

    private static final Pattern ASSIGNS = Pattern.compile(
            "\\brouting\\s*\\.\\s*(assignTo|assignToRep|assignToTeam|assignToSpecialists|routeToQueue)\\s*\\(");

    /** Every breach of the conventions, one line each naming the rule and where it is written. */
    static List<String> violations(CompiledRules rules) {
        List<String> found = new ArrayList<>();
        for (RuleInventory.RuleEntry rule : RuleInventory.of(rules)) {
            String where = rule.name() + " (" + rule.origin() + ")";
            String id = RuleIdCoverageTest.idOf(rule.name());
            Band band = BANDS.get(id.contains("-") ? id.substring(0, id.indexOf('-')) : id);
            if (band == null) {
                found.add(where + ": id prefix has no salience band in rules/README.md");
                continue;
            }
            if (rule.salience() == null || rule.salience() < band.from() || rule.salience() > band.to()) {
                found.add(where + ": salience " + rule.salience() + " outside its band " + band.from() + "–" + band.to());
            }
            boolean assigns = ASSIGNS.matcher(rule.actions()).find();
            boolean inGroup = ASSIGNMENT_GROUP.equals(rule.activationGroup());
            if (assigns && !inGroup) {
                found.add(where + ": assigns the lead outside activation-group \"assignment\" (group "
                        + rule.activationGroup() + ")");
            }
            if (!assigns && inGroup) {
                found.add(where + ": in activation-group \"assignment\" without assigning: it would cancel the assignment");
            }
            if (assigns != band.assigns()) {
                found.add(where + ": " + (assigns ? "assigns the lead in a band that does not assign"
                        : "does not assign the lead in the assignment band"));
            }
        }
        return found;
    }

    @Test
    void theShippedRulesKeepTheSalienceBandsAndTheAssignmentGroup() {
        assertEquals(List.of(), violations(ExampleRules.rules()));
    }

    @Test
    void aRuleOutsideItsBandOrAnAssigningRuleOutsideTheGroupIsNamed() {
        String drl = """
                package io.leadrouter.rules;
                import io.leadrouter.domain.*;
                global io.leadrouter.domain.Routing routing;

                rule "TERR-900 too high for a territory"
                    salience 600
                    activation-group "assignment"
                when
                    Lead(country == "XX")
                then
                    routing.assignToTeam("Nowhere");
                end

                rule "SPEC-900 assigns without the group"
                    salience 250
                when
                    Lead(country == "XY")
                then
                    routing.assignToSpecialists("Nothing");
                end

                rule "PRIO-900 in the group without assigning"
                    salience 700
                    activation-group "assignment"
                when
                    Lead(country == "XZ")
                then
                    routing.setPriority(Priority.LOW);
                end

                rule "ODD-010 no band"
                    salience 200
                when
                    Lead(country == "XW")
                then
                    routing.addScore(1);
                end

                rule "TERR-910 fine"
                    salience 200
                    activation-group "assignment"
                when
                    Lead(country == "XV")
                then
                    routing.assignToTeam("Somewhere");
                end
                """;
        CompiledRules rules = new RuleCompiler().compile(new RuleSourceSet(List.of(
                new RuleSource("rules/conventions.drl", drl.getBytes(StandardCharsets.UTF_8)))));
        List<String> found = violations(rules);
        assertEquals(4, found.size(), String.join("\n", found));
        assertEquals(1, found.stream().filter(v -> v.startsWith("TERR-900") && v.contains("salience 600 outside its band 100–499")).count(), found::toString);
        assertEquals(1, found.stream().filter(v -> v.startsWith("SPEC-900") && v.contains("outside activation-group")).count(), found::toString);
        assertEquals(1, found.stream().filter(v -> v.startsWith("PRIO-900") && v.contains("without assigning")).count(), found::toString);
        assertEquals(1, found.stream().filter(v -> v.startsWith("ODD-010") && v.contains("no salience band")).count(), found::toString);
    }
}
