package io.leadrouter.distribution;

import io.leadrouter.decision.StrategyState;

import io.leadrouter.domain.Rep;
import io.leadrouter.domain.Strategy;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks one rep from the eligible reps of a pool, and computes the pool state after the pick. Pure: the caller
 * loads the state (under the pool's row lock) and stores the result, or discards it for a dry run.
 */
public final class FairSelection {

    static final String ROUND_ROBIN_RULE = "round robin: the eligible rep with the oldest last turn (waited longest), then rep id";
    static final String WEIGHTED_RULE = "smooth weighted round robin: every eligible rep's current weight grows by their weight; "
            + "the highest current weight (then rep id) gets the lead and gives back the total weight";
    static final String LEAST_LOADED_RULE = "least loaded: fewest open leads, then oldest last turn, then rep id";

    /**
     * @param repId   the rep who gets the lead
     * @param turn    the pool's turn after the pick
     * @param members the state of every eligible rep after the pick (others are unchanged)
     * @param state   what the explanation shows
     */
    record Selection(String repId, long turn, Map<String, MemberState> members, StrategyState state) {
    }

    private FairSelection() {
    }

    /**
     * @param eligible  the eligible reps (not empty)
     * @param members   state by rep id; reps without state join at {@code turn}
     * @param turn      the pool's turn before the pick
     * @param openLeads open leads by rep id, read under the lock (least loaded)
     */
    static Selection select(Strategy strategy, List<Rep> eligible, Map<String, MemberState> members, long turn,
                            Map<String, Integer> openLeads) {
        if (eligible.isEmpty()) {
            throw new IllegalArgumentException("nobody eligible");
        }
        List<Rep> byId = eligible.stream().sorted(Comparator.comparing(Rep::getId)).toList();
        Map<String, MemberState> before = new LinkedHashMap<>();
        for (Rep rep : byId) {
            before.put(rep.getId(), members.getOrDefault(rep.getId(), MemberState.joining(turn)));
        }
        long next = turn + 1;
        return switch (strategy) {
            case ROUND_ROBIN -> {
                String chosen = byId.stream().min(Comparator.comparingLong((Rep r) -> before.get(r.getId()).lastTurn())
                        .thenComparing(Rep::getId)).orElseThrow().getId();
                yield new Selection(chosen, next, assigned(before, chosen, next), new StrategyState(ROUND_ROBIN_RULE, next, null, null));
            }
            case LEAST_LOADED -> {
                String chosen = byId.stream().min(Comparator.comparingInt((Rep r) -> openLeads.getOrDefault(r.getId(), r.getOpenLeads()))
                        .thenComparingLong(r -> before.get(r.getId()).lastTurn())
                        .thenComparing(Rep::getId)).orElseThrow().getId();
                yield new Selection(chosen, next, assigned(before, chosen, next), new StrategyState(LEAST_LOADED_RULE, next, null, null));
            }
            case WEIGHTED -> weighted(byId, before, next);
        };
    }

    /** nginx's smooth weighted round robin: weights 3:1 give A A B A, A A B A ... */
    private static Selection weighted(List<Rep> byId, Map<String, MemberState> before, long next) {
        int total = 0;
        Map<String, Long> current = new LinkedHashMap<>();
        String chosen = null;
        long best = Long.MIN_VALUE;
        for (Rep rep : byId) {
            int weight = Math.max(0, rep.getWeight());
            total += weight;
            long cw = before.get(rep.getId()).currentWeight() + weight;
            current.put(rep.getId(), cw);
            if (weight > 0 && cw > best) {
                best = cw;
                chosen = rep.getId();
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException("no eligible rep has a weight above 0");
        }
        current.put(chosen, current.get(chosen) - total);
        Map<String, MemberState> after = new LinkedHashMap<>();
        for (Rep rep : byId) {
            MemberState s = before.get(rep.getId());
            boolean picked = rep.getId().equals(chosen);
            after.put(rep.getId(), new MemberState(picked ? next : s.lastTurn(), current.get(rep.getId()),
                    s.assignedTotal() + (picked ? 1 : 0)));
        }
        return new Selection(chosen, next, after, new StrategyState(WEIGHTED_RULE, next, total, Map.copyOf(current)));
    }

    private static Map<String, MemberState> assigned(Map<String, MemberState> before, String chosen, long next) {
        Map<String, MemberState> after = new LinkedHashMap<>(before);
        MemberState s = before.get(chosen);
        after.put(chosen, new MemberState(next, s.currentWeight(), s.assignedTotal() + 1));
        return after;
    }
}
