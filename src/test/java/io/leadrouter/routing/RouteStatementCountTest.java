package io.leadrouter.routing;

import io.leadrouter.decision.Decision;

import io.leadrouter.distribution.DistributionTest;

import io.leadrouter.domain.Lead;
import io.leadrouter.engine.RuleEngine;
import io.leadrouter.engine.ServedRules;
import io.leadrouter.engine.RuleSource;
import io.leadrouter.engine.RuleSourceSet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How many SQL statements one route costs (issue #7): a dry run and a logged route into a team of the example
 * roster (DACH Enterprise, 2 reps, through the example rules), and into a team nobody on the roster is in (what the
 * HTTP benchmark's empty roster sees). Upper bounds, so a change that adds a query per rep or per lead shows up here.
 * The roster and holidays come from memory (issue 12, {@code RosterCache}, {@code HolidayCalendar}): no statement reads
 * them once loaded, so each test routes once first to load them.
 */
@QuarkusTest
@Tag("database")
public class RouteStatementCountTest {

    static final AtomicInteger LEADS = new AtomicInteger();

    @Inject
    RoutingService routing;
    @Inject
    RuleEngine engine;

    public static Lead dachEnterprise() {
        int n = LEADS.incrementAndGet();
        Lead lead = new Lead();
        lead.setId("stmt-dach-" + n);
        // A new person at a new company each time: sticky ownership looks both up and finds nobody.
        lead.setEmail("ada" + n + "@stmt-" + n + "-" + System.nanoTime() + ".de");
        lead.setCompany("Beispiel AG");
        lead.setCountry("DE");
        lead.setEmployees(2500);
        lead.setIndustry("Manufacturing");
        lead.setSource("Webinar");
        return lead;
    }

    List<String> statements(Lead lead, boolean dryRun) {
        SqlRecorder.Recorded<Decision> run = SqlRecorder.record(() -> routing.route(lead, dryRun));
        System.out.printf("[statements] %s %s -> %s: %d%n", dryRun ? "dry run" : "logged", lead.getId(),
                run.result().assignee() != null ? run.result().assignee().id() : "queue " + run.result().queue(),
                run.statements().size());
        run.statements().forEach(s -> System.out.println("[statements]   " + s));
        return run.statements();
    }

    @Test
    void exampleRosterTeamOfTwo() {
        statements(dachEnterprise(), false); // warm: creates the pool's state row and the day's counter rows on first use
        List<String> dry = statements(dachEnterprise(), true);
        // sticky owner (email, then domain); the pool's turn, members, open leads and cap counts. No roster read.
        assertEquals(2, dry.size(), String.join("\n", dry));
        List<String> logged = statements(dachEnterprise(), false);
        // pool lock; sticky owner; standings; the rep's open leads +1; decision; member row; pool turn;
        // the assignment's outcome row and the rep's and the rule's performance counters of the day (lead lifecycle,
        // issue #13; the warm-up created both counter rows: Anna is the team's only eligible rep)
        assertEquals(10, logged.size(), String.join("\n", logged));
        // FOR UPDATE on H2, FOR NO KEY UPDATE on PostgreSQL
        assertTrue(logged.get(0).matches("(?s).* for (no key )?update.*"), logged.get(0));
        assertTrue(logged.stream().noneMatch(s -> s.matches("(?is).*from rep r?\\b.*order by.*")), "no roster read");
    }

    @Test
    void teamNobodyIsIn() {
        ServedRules served = ServedRules.serve(engine, new RuleSourceSet(List.of(new RuleSource("rules/stmt-test.drl",
                DistributionTest.DRL.getBytes(StandardCharsets.UTF_8)))), getClass().getSimpleName());
        try {
            Lead lead = dachEnterprise();
            lead.setAttributes(new HashMap<>(Map.of("pool", "stmt-empty-team")));
            statements(lead, false);
            Lead dry = dachEnterprise();
            dry.setAttributes(new HashMap<>(Map.of("pool", "stmt-empty-team")));
            List<String> d = statements(dry, true);
            // sticky owner (who would be placed even in an empty pool)
            assertEquals(1, d.size(), String.join("\n", d));
            Lead logged = dachEnterprise();
            logged.setAttributes(new HashMap<>(Map.of("pool", "stmt-empty-team")));
            List<String> l = statements(logged, false);
            // sticky owner; decision. No pool lock: nobody on the roster is in the pool.
            assertEquals(2, l.size(), String.join("\n", l));
        } finally {
            served.restore();
        }
    }
}
