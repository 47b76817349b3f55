package io.leadrouter.pools;

import io.leadrouter.decisionlog.DecisionLog;
import io.leadrouter.decisionlog.DecisionPage;
import io.leadrouter.distribution.Eligibility;
import io.leadrouter.routing.RouteStatementCountTest;
import io.leadrouter.routing.RoutingService;
import io.leadrouter.routing.SqlRecorder;

import io.leadrouter.domain.Lead;
import io.leadrouter.persistence.DecisionFilter;
import io.leadrouter.persistence.RepRepository;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The read models ops page through cost a fixed number of statements (issue 14, item 9): {@code /api/pools} does not
 * query per member, and a page of the decision log reads one row past the page instead of counting the whole log.
 */
@QuarkusTest
@Tag("database")
class ReadModelStatementsTest {

    @Inject
    RoutingService routing;
    @Inject
    PoolService pools;
    @Inject
    DecisionLog log;
    @Inject
    RepRepository reps;

    @BeforeEach
    void routeIntoSeveralPools() {
        // DACH and UK & Ireland leads of the example roster: several pools with several members each.
        for (String country : List.of("DE", "DE", "GB", "GB", "FR", "IT")) {
            Lead lead = RouteStatementCountTest.dachEnterprise();
            lead.setCountry(country);
            lead.setEmployees(40);
            routing.route(lead, false);
        }
    }

    @Test
    void poolsAreReadWithoutAStatementPerMember() {
        SqlRecorder.Recorded<List<PoolStatus>> run = SqlRecorder.record(() -> pools.all());
        int members = run.result().stream().mapToInt(p -> p.members().size()).sum();
        assertTrue(run.result().size() >= 2 && members >= 4, "needs several pools and members: " + run.result());
        // Roster, holidays, pools, member rows, all-time totals, and the cap windows once per distinct day/week
        // boundary of the roster (its time zones): nothing per member.
        Instant now = Instant.now();
        long windows = reps.roster().stream()
                .map(r -> List.of(Eligibility.startOfWeek(r, now), Eligibility.startOfDay(r, now))).distinct().count();
        assertTrue(run.statements().size() <= 5 + windows, run.statements().size() + " statements for " + members
                + " members and " + windows + " time windows: " + String.join("\n", run.statements()));
    }

    @Test
    void aPageOfTheLogIsReadWithoutCountingTheLog() {
        SqlRecorder.Recorded<DecisionPage> page = SqlRecorder.record(() ->
                log.search(new DecisionFilter(null, null, null, null, null, null, null), 0, 2, false));
        assertEquals(2, page.result().items().size());
        assertTrue(page.result().hasMore(), "six decisions at least: an older page follows");
        assertNull(page.result().totalItems());
        assertTrue(page.statements().stream().noneMatch(s -> s.toLowerCase().contains("count(")),
                String.join("\n", page.statements()));

        SqlRecorder.Recorded<DecisionPage> counted = SqlRecorder.record(() ->
                log.search(new DecisionFilter(null, null, null, null, null, null, null), 0, 2, true));
        assertTrue(counted.result().totalItems() >= 6, "asked for: counted");
        assertEquals((counted.result().totalItems() + 1) / 2, counted.result().totalPages().longValue());
    }
}
