package io.leadrouter.distribution;

import io.leadrouter.decision.Candidate;
import io.leadrouter.decision.Explanation;
import io.leadrouter.decision.Hold;

import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.domain.ScoreChange;
import io.leadrouter.domain.Segment;
import io.leadrouter.domain.Strategy;
import io.leadrouter.domain.Tier;
import io.leadrouter.engine.Evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns what the rules decided into one rep, one queue, or a hold. Rules say who is eligible (one rep, a team, the
 * specialists of an industry); this step
 * <ol>
 *     <li>gives the lead to its existing owner (sticky ownership) when the target is a pool and the owner can take it;</li>
 *     <li>otherwise applies availability, working hours, holidays, capacity, caps and tier to every rep of the pool;</li>
 *     <li>picks one eligible rep with the strategy the rule named, else the pool's, else the default
 *         ({@link FairSelection});</li>
 *     <li>when nobody is eligible, follows the pool's policy: its fallback queue (default) or HOLD. Never dropped.</li>
 * </ol>
 * Pure: {@link DistributionStore} loads the state under the pool's lock and stores the result.
 */
public final class Distribution {

    static final String DIRECT = "direct";
    static final String STICKY = "sticky owner";
    static final String PREVIOUS_ASSIGNEE = "previous assignee of this lead";

    private final DistributionPolicy policy;

    public Distribution(DistributionPolicy policy) {
        this.policy = policy;
    }

    /** What the rules asked for, or null when they failed or assigned nothing. */
    public static RoutingTarget targetOf(Evaluation evaluation) {
        return evaluation.failed() ? null : evaluation.routing().getTarget();
    }

    /** The roster reps the target names (for a rep target: that rep). */
    public static List<Rep> poolOf(RoutingTarget target, List<Rep> roster) {
        if (target == null) {
            return List.of();
        }
        return roster.stream().filter(inPool(target)).toList();
    }

    /** The strategy a pool pick uses: the rule's, else the pool's configured one, else the default. */
    Strategy strategyFor(RoutingTarget target) {
        if (target.strategy() != null) {
            return target.strategy();
        }
        Strategy pool = policy.poolPolicy(target.value()).strategy();
        return pool != null ? pool : policy.defaultStrategy();
    }

    public Placement place(Evaluation evaluation, List<Rep> roster, PoolSnapshot state, Instant now) {
        return place(evaluation, roster, state, now, Set.of());
    }

    /** @param excluded reps who may not get the lead whatever their eligibility (a re-route's previous assignees) */
    public Placement place(Evaluation evaluation, List<Rep> roster, PoolSnapshot state, Instant now, Set<String> excluded) {
        var routing = evaluation.routing();
        var scoreChanges = routing.getScoreChanges();
        String minimumTier = routing.getMinimumTier() == null ? null : routing.getMinimumTier().name();
        if (evaluation.failed()) {
            return toQueue(policy.fallbackQueue(), null, null, minimumTier, List.of(),
                    "rules failed (" + evaluation.failure() + ")", scoreChanges, null);
        }
        RoutingTarget target = routing.getTarget();
        if (target == null) {
            return toQueue(policy.fallbackQueue(), null, null, minimumTier, List.of(), "no rule assigned the lead",
                    scoreChanges, null);
        }
        String decidedBy = routing.getTargetRule();
        if (target.kind() == RoutingTarget.Kind.QUEUE) {
            return new Placement(null, target.value(), new Explanation(target.toString(), decidedBy, minimumTier,
                    List.of(), null, "queued in " + target.value(), scoreChanges, null, null, null, null), null, null,
                    null);
        }
        Tier tier = routing.getMinimumTier();
        Segment segment = evaluation.lead().getSegment();
        String poolKey = target.isPool() ? target.poolKey() : null;

        String ownership = null;
        if (target.isPool() && state.owner() != null) {
            PoolSnapshot.Owner owner = state.owner();
            Optional<Rep> ownerRep = roster.stream().filter(r -> r.getId().equals(owner.repId())).findFirst();
            if (ownerRep.isEmpty()) {
                ownership = "existing owner " + owner.repId() + " (" + owner.why() + ") is not on the roster; distributed in "
                        + target;
            } else {
                Rep rep = ownerRep.get();
                Optional<String> exclusion = excluded.contains(rep.getId()) ? Optional.of(PREVIOUS_ASSIGNEE)
                        : Eligibility.exclusion(rep, tier, segment, state.usageOf(rep.getId()), now, state.holidays());
                if (exclusion.isEmpty()) {
                    Candidate c = candidate(rep, state, null, null);
                    String why = "existing owner " + rep.getId() + " (" + owner.why() + ")";
                    return new Placement(rep, null, new Explanation(target.toString(), decidedBy, minimumTier, List.of(c),
                            STICKY, "assigned to " + rep.getName() + " (" + rep.getId() + "), the " + why, scoreChanges,
                            poolKey, null, why + " is eligible", rep.getId()), poolKey, null, null);
                }
                ownership = "existing owner " + rep.getId() + " (" + owner.why() + ") skipped: " + exclusion.get()
                        + "; distributed in " + target;
            }
        }

        List<Rep> pool = poolOf(target, roster);
        if (pool.isEmpty()) {
            return nobodyEligible(target, decidedBy, minimumTier, List.of(), "nobody on the roster is in " + target,
                    scoreChanges, ownership, now);
        }
        Strategy strategy = target.isPool() ? strategyFor(target) : null;
        List<Candidate> candidates = new ArrayList<>();
        List<Rep> eligible = new ArrayList<>();
        for (Rep rep : pool) {
            Optional<String> exclusion = excluded.contains(rep.getId()) ? Optional.of(PREVIOUS_ASSIGNEE)
                    : Eligibility.exclusion(rep, tier, segment, state.usageOf(rep.getId()), now, state.holidays());
            if (exclusion.isEmpty() && strategy == Strategy.WEIGHTED && rep.getWeight() <= 0) {
                exclusion = Optional.of("weight 0");
            }
            candidates.add(candidate(rep, state, exclusion.orElse(null), strategy));
            if (exclusion.isEmpty()) {
                eligible.add(rep);
            }
        }
        if (eligible.isEmpty()) {
            return nobodyEligible(target, decidedBy, minimumTier, candidates, "no eligible rep in " + target,
                    scoreChanges, ownership, now);
        }
        if (!target.isPool()) {
            Rep chosen = eligible.get(0);
            return new Placement(chosen, null, new Explanation(target.toString(), decidedBy, minimumTier, candidates,
                    DIRECT, "assigned to " + chosen.getName() + " (" + chosen.getId() + ")", scoreChanges, null, null,
                    ownership, chosen.getId()), null, null, null);
        }
        FairSelection.Selection selection = FairSelection.select(strategy, eligible, state.members(), state.turn(),
                state.openLeads());
        Rep chosen = eligible.stream().filter(r -> r.getId().equals(selection.repId())).findFirst().orElseThrow();
        return new Placement(chosen, null, new Explanation(target.toString(), decidedBy, minimumTier, candidates,
                strategy.name(), "assigned to " + chosen.getName() + " (" + chosen.getId() + ") by " + strategy,
                scoreChanges, poolKey, selection.state(), ownership, chosen.getId()), poolKey, selection, null);
    }

    private static Candidate candidate(Rep rep, PoolSnapshot state, String excludedBecause, Strategy strategy) {
        MemberState member = state.members().getOrDefault(rep.getId(), MemberState.joining(state.turn()));
        Usage usage = state.usageOf(rep.getId());
        int open = state.openLeads().getOrDefault(rep.getId(), rep.getOpenLeads());
        return new Candidate(rep.getId(), rep.getName(), open, excludedBecause == null, excludedBecause,
                strategy == Strategy.WEIGHTED ? Integer.valueOf(rep.getWeight()) : null,
                strategy == null ? null : member.lastTurn(),
                strategy == Strategy.WEIGHTED ? member.currentWeight() : null,
                usage.today(), usage.thisWeek());
    }

    private Placement nobodyEligible(RoutingTarget target, String decidedBy, String minimumTier,
                                     List<Candidate> candidates, String reason, List<ScoreChange> scoreChanges,
                                     String ownership, Instant now) {
        DistributionPolicy.PoolPolicy pool = target.isPool() ? policy.poolPolicy(target.value())
                : DistributionPolicy.PoolPolicy.DEFAULT;
        String poolKey = target.isPool() ? target.poolKey() : null;
        if (pool.hold()) {
            Instant retryAfter = now.plus(policy.holdRetryAfter());
            return new Placement(null, null, new Explanation(target.toString(), decidedBy, minimumTier, candidates,
                    null, "held: " + reason + "; retry after " + retryAfter, scoreChanges, poolKey, null, ownership, null),
                    poolKey, null, new Hold(poolKey, reason, retryAfter));
        }
        String queue = pool.fallbackQueue() != null ? pool.fallbackQueue() : policy.fallbackQueue();
        return toQueue(queue, target, decidedBy, minimumTier, candidates, reason, scoreChanges, ownership);
    }

    private static Placement toQueue(String queue, RoutingTarget target, String decidedBy, String minimumTier,
                                     List<Candidate> candidates, String reason, List<ScoreChange> scoreChanges,
                                     String ownership) {
        String poolKey = target != null && target.isPool() ? target.poolKey() : null;
        return new Placement(null, queue, new Explanation(target == null ? null : target.toString(), decidedBy,
                minimumTier, candidates, null, "queued in " + queue + ": " + reason, scoreChanges, poolKey, null,
                ownership, null), poolKey, null, null);
    }

    private static Predicate<Rep> inPool(RoutingTarget target) {
        return switch (target.kind()) {
            case REP -> rep -> rep.getId().equals(target.value());
            case TEAM -> rep -> target.value().equalsIgnoreCase(rep.getTeam());
            case SPECIALISTS -> rep -> rep.hasSpecialty(target.value());
            case QUEUE -> rep -> false;
        };
    }
}
