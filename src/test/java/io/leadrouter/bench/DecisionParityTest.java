package io.leadrouter.bench;

import io.leadrouter.domain.Lead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The benchmarks compare Drools with two hand-written routers; the comparison only means something if all three
 * route every lead to the same team. Runs in the normal suite on a small corpus; the benchmarks repeat it on the
 * full corpus before timing anything.
 */
class DecisionParityTest {

    private static final List<Lead> CORPUS = LeadCorpus.generate(2_000, 42);

    @ParameterizedTest
    @ValueSource(ints = {50, 500})
    void droolsAndBothHandWrittenRoutersDecideAlike(int rows) {
        TerritoryTable table = TerritoryTable.generate(rows, 7);
        Map<String, TerritoryRouter> routers = new LinkedHashMap<>();
        routers.put("first-match", new FirstMatchRouter(table.rows()));
        routers.put("indexed", new IndexedRouter(table.rows()));
        routers.put("drools-xlsx", DroolsRouter.compile(table.xlsxSource()));
        Map<String, Integer> teams = DecisionParity.verify(CORPUS, routers);
        // The table must be exercised beyond its per-country fallbacks, or parity would be trivial.
        long specificTeams = teams.keySet().stream()
                .filter(team -> Integer.parseInt(team.substring(team.lastIndexOf(' ') + 1)) <= rows - 36).count();
        assertTrue(specificTeams >= Math.min(10, rows / 10), "only " + specificTeams + " specific rows matched: " + teams);
    }

    @Test
    void csvAndXlsxTablesCompileToTheSameDecisions() {
        TerritoryTable table = TerritoryTable.generate(50, 7);
        Map<String, TerritoryRouter> routers = new LinkedHashMap<>();
        routers.put("drools-xlsx", DroolsRouter.compile(table.xlsxSource()));
        routers.put("drools-csv", DroolsRouter.compile(table.csvSource()));
        DecisionParity.verify(CORPUS.subList(0, 500), routers);
    }

    @Test
    void parityCatchesARouterThatDisagrees() {
        TerritoryTable table = TerritoryTable.generate(50, 7);
        Map<String, TerritoryRouter> routers = new LinkedHashMap<>();
        routers.put("first-match", new FirstMatchRouter(table.rows()));
        // Table order reversed: the catch-all comes first, so almost every decision changes.
        List<TerritoryRow> reversed = new java.util.ArrayList<>(table.rows());
        java.util.Collections.reverse(reversed);
        routers.put("last-match", new FirstMatchRouter(reversed));
        assertThrows(IllegalStateException.class, () -> DecisionParity.verify(CORPUS.subList(0, 200), routers));
    }

    @Test
    void theGeneratorsAreSeeded() {
        assertEquals(LeadCorpus.generate(50, 1).stream().map(l -> l.getCountry() + l.getEmployees()).toList(),
                LeadCorpus.generate(50, 1).stream().map(l -> l.getCountry() + l.getEmployees()).toList());
        assertEquals(TerritoryTable.generate(200, 3).rows(), TerritoryTable.generate(200, 3).rows());
    }
}
