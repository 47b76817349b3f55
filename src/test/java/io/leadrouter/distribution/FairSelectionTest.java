package io.leadrouter.distribution;

import io.leadrouter.domain.Rep;
import io.leadrouter.domain.Strategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pure selection logic: each strategy, roster changes and returning reps. */
class FairSelectionTest {

    /** A pool's state carried between picks, as the database would. */
    private static final class Pool {
        long turn;
        final Map<String, MemberState> members = new HashMap<>();
        final Map<String, Integer> open = new HashMap<>();

        String pick(Strategy strategy, List<Rep> eligible) {
            FairSelection.Selection s = FairSelection.select(strategy, eligible, members, turn, open);
            turn = s.turn();
            members.putAll(s.members());
            open.merge(s.repId(), 1, Integer::sum);
            return s.repId();
        }

        String picks(Strategy strategy, List<Rep> eligible, int n) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(pick(strategy, eligible));
            }
            return String.join(" ", out);
        }
    }

    static Rep rep(String id, int weight) {
        Rep r = new Rep();
        r.setId(id);
        r.setName(id);
        r.setWeight(weight);
        return r;
    }

    @Test
    void roundRobinTakesStrictTurns() {
        Pool pool = new Pool();
        List<Rep> reps = List.of(rep("a", 1), rep("b", 1), rep("c", 1));
        assertEquals("a b c a b c", pool.picks(Strategy.ROUND_ROBIN, reps, 6));
    }

    @Test
    void aRepAddedMidRotationJoinsAtTheBackWithoutACatchUpBurst() {
        Pool pool = new Pool();
        Rep a = rep("a", 1), b = rep("b", 1), c = rep("c", 1), d = rep("d", 1);
        assertEquals("a b c a", pool.picks(Strategy.ROUND_ROBIN, List.of(a, b, c), 4));
        // d joins at the current turn, like the rep served last: the rotation carries on (b, c were next),
        // d waits one round like everyone else and then gets one lead in four; no burst.
        String after = pool.picks(Strategy.ROUND_ROBIN, List.of(a, b, c, d), 12);
        assertEquals("b c a d b c a d b c a d", after);
    }

    @Test
    void aRepBackFromLeaveGetsOneTurnNotTheLeadsSheMissed() {
        Pool pool = new Pool();
        Rep a = rep("a", 1), b = rep("b", 1), c = rep("c", 1);
        pool.picks(Strategy.ROUND_ROBIN, List.of(a, b, c), 3);
        // c is away for 10 leads
        assertEquals("a b a b a b a b a b", pool.picks(Strategy.ROUND_ROBIN, List.of(a, b), 10));
        // back: she has waited longest, so she is next, once; then strict turns again
        assertEquals("c a b c a b", pool.picks(Strategy.ROUND_ROBIN, List.of(a, b, c), 6));
    }

    @Test
    void removingARepDoesNotResetTheRotation() {
        Pool pool = new Pool();
        Rep a = rep("a", 1), b = rep("b", 1), c = rep("c", 1);
        assertEquals("a b", pool.picks(Strategy.ROUND_ROBIN, List.of(a, b, c), 2));
        assertEquals("c b c b", pool.picks(Strategy.ROUND_ROBIN, List.of(b, c), 4));
    }

    @Test
    void smoothWeightedInterleaves() {
        Pool pool = new Pool();
        assertEquals("a a b a a a b a", pool.picks(Strategy.WEIGHTED, List.of(rep("a", 3), rep("b", 1)), 8));
    }

    @Test
    void smoothWeightedGivesExactSharesOverACycle() {
        Pool pool = new Pool();
        List<Rep> reps = List.of(rep("a", 3), rep("b", 1), rep("c", 1));
        String picks = pool.picks(Strategy.WEIGHTED, reps, 500);
        Map<String, Long> counts = List.of(picks.split(" ")).stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(Map.of("a", 300L, "b", 100L, "c", 100L), counts);
        assertEquals("a b a c a", new Pool().picks(Strategy.WEIGHTED, reps, 5));
    }

    @Test
    void weightedStateIsReportedForTheExplanation() {
        FairSelection.Selection s = FairSelection.select(Strategy.WEIGHTED, List.of(rep("a", 3), rep("b", 1)),
                Map.of(), 0, Map.of());
        assertEquals("a", s.repId());
        assertEquals(4, s.state().totalWeight());
        assertEquals(Map.of("a", -1L, "b", 1L), s.state().currentWeightsAfter());
        assertEquals(1, s.turn());
    }

    @Test
    void leastLoadedPicksFewestOpenLeadsAndBreaksTiesByLeastRecent() {
        Pool pool = new Pool();
        pool.open.put("a", 5);
        pool.open.put("b", 2);
        pool.open.put("c", 2);
        List<Rep> reps = List.of(rep("a", 1), rep("b", 1), rep("c", 1));
        // b and c tie on 2: b (id) first, then c (b was assigned more recently), then b and c tie on 3 ...
        assertEquals("b c b c b c a", pool.picks(Strategy.LEAST_LOADED, reps, 7));
    }
}
