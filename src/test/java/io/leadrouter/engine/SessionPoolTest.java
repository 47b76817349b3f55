package io.leadrouter.engine;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** Sessions are reused between evaluations: nothing one lead leaves behind may change the next lead's outcome. */
class SessionPoolTest {

    /**
     * Rules that insert a fact of their own, use an activation group, react to a score change and fail on request:
     * everything a reused session could carry over to the next lead.
     */
    private static final String RULES = """
            package t;
            import io.leadrouter.domain.*;
            global Routing routing;

            declare Seen
                leadId : String
            end

            rule "MARK-1 remember the lead"
                salience 1000
            when
                $l : Lead()
            then
                insert(new Seen($l.getId()));
            end

            rule "FIRST-1 only lead in this session"
                salience 900
            when
                Lead()
                accumulate(Seen(); $n : count(); $n == 1)
            then
                routing.addScore(10, "first lead in its session");
            end

            rule "BOOM-1 a rule that throws"
                salience 800
            when
                Lead(id == "boom")
            then
                throw new IllegalStateException("boom");
            end

            rule "ROUTE-1 scored leads to EMEA"
                salience 100
                activation-group "assignment"
            when
                Lead(score >= 10, country == "DE")
                $rep : Rep(eligible, territories contains "DE")
            then
                routing.assignTo($rep);
            end

            rule "ROUTE-9 everyone else to the queue"
                salience 1
                activation-group "assignment"
            when
                Lead()
            then
                routing.routeToQueue("inbound");
            end
            """;

    private static CompiledRules compile() {
        return new RuleCompiler().compile(new RuleSourceSet(List.of(
                new RuleSource("rules/t.drl", RULES.getBytes(StandardCharsets.UTF_8)))));
    }

    private static Lead lead(String id, String country) {
        Lead lead = new Lead();
        lead.setId(id);
        lead.setCountry(country);
        return lead;
    }

    private static Rep rep() {
        Rep rep = new Rep();
        rep.setId("r1");
        rep.setTerritories(Set.of("DE"));
        return rep;
    }

    @Test
    void aReusedSessionForgetsTheFactsTheLastLeadLeft() {
        CompiledRules rules = compile();
        for (int i = 0; i < 5; i++) {
            Evaluation e = rules.evaluate(lead("L" + i, i % 2 == 0 ? "DE" : "FR"), List.of(rep()));
            assertNull(e.failure());
            assertEquals(10, e.lead().getScore(), "evaluation " + i + " saw facts of an earlier lead");
            RoutingTarget expected = i % 2 == 0
                    ? new RoutingTarget(RoutingTarget.Kind.REP, "r1")
                    : new RoutingTarget(RoutingTarget.Kind.QUEUE, "inbound");
            assertEquals(expected, e.routing().getTarget(), "evaluation " + i);
            assertEquals(3, e.matchedRules().size(), e.matchedRules().toString());
        }
        assertEquals(1, rules.sessions().idleCount(), "one thread, one session, kept between leads");
    }

    @Test
    void aSessionWhoseEvaluationFailedIsNotReused() {
        CompiledRules rules = compile();
        rules.evaluate(lead("L1", "DE"), List.of(rep()));
        assertEquals(1, rules.sessions().idleCount());

        Evaluation failed = rules.evaluate(lead("boom", "DE"), List.of(rep()));
        assertNotNull(failed.failure());
        assertEquals(0, rules.sessions().idleCount(), "the failed session was disposed, not given back");

        Evaluation next = rules.evaluate(lead("L2", "DE"), List.of(rep()));
        assertNull(next.failure());
        assertEquals(10, next.lead().getScore());
        assertEquals(new RoutingTarget(RoutingTarget.Kind.REP, "r1"), next.routing().getTarget());
    }

    @Test
    void aReplacedRuleBaseDisposesItsSessionsAndKeepsNoneItIsGivenBack() {
        RuleEngine engine = new RuleEngine(null);
        CompiledRules first = compile();
        engine.activate(first, "test");
        engine.active().evaluate(lead("L1", "DE"), List.of(rep()));
        assertEquals(1, first.sessions().idleCount());

        SessionPool.PooledSession inFlight = first.sessions().borrow();
        engine.activate(compile(), "test");
        assertEquals(0, first.sessions().idleCount(), "idle sessions disposed when the version was replaced");

        first.sessions().giveBack(inFlight, true);
        assertEquals(0, first.sessions().idleCount(), "a session still running then is disposed when it comes back");
        Evaluation late = first.evaluate(lead("L2", "DE"), List.of(rep()));
        assertNull(late.failure(), "a retired rule base still evaluates correctly, without keeping sessions");
        assertEquals(10, late.lead().getScore());
        assertEquals(0, first.sessions().idleCount());
    }

    @Test
    void concurrentEvaluationsEachGetTheirOwnSession() throws Exception {
        CompiledRules rules = compile();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Evaluation>> futures = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String country = i % 2 == 0 ? "DE" : "FR";
                String id = "L" + i;
                futures.add(pool.submit(() -> rules.evaluate(lead(id, country), List.of(rep()))));
            }
            for (int i = 0; i < futures.size(); i++) {
                Evaluation e = futures.get(i).get();
                assertNull(e.failure());
                assertEquals("L" + i, e.lead().getId());
                assertEquals(10, e.lead().getScore(), "lead L" + i);
                assertEquals(i % 2 == 0 ? RoutingTarget.Kind.REP : RoutingTarget.Kind.QUEUE, e.routing().getTarget().kind(),
                        "lead L" + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(rules.sessions().idleCount() <= rules.sessions().capacity());
        assertTrue(rules.sessions().idleCount() >= 1);
    }
}
