package io.leadrouter.distribution;

import io.leadrouter.decision.Candidate;
import io.leadrouter.decision.Explanation;
import io.leadrouter.decision.Hold;

import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
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

    /**
     * The four steps of the class comment, in order: the first that places the lead decides.
     *
     * @param excluded reps who may not get the lead whatever their eligibility (a re-route's previous assignees)
     */
    public Placement place(Evaluation evaluation, List<Rep> roster, PoolSnapshot state, Instant now, Set<String> excluded) {
        var routing = evaluation.routing();
        RoutingTarget target = evaluation.failed() ? null : routing.getTarget();
        Explanation.Asked asked = new Explanation.Asked(target == null ? null : target.toString(),
                target == null ? null : routing.getTargetRule(),
                routing.getMinimumTier() == null ? null : routing.getMinimumTier().name(), routing.getScoreChanges());
        if (evaluation.failed()) {
            return toQueue(policy.fallbackQueue(), null, asked, List.of(), "rules failed (" + evaluation.failure() + ")", null);
        }
        if (target == null) {
            return toQueue(policy.fallbackQueue(), null, asked, List.of(), "no rule assigned the lead", null);
        }
        if (target.kind() == RoutingTarget.Kind.QUEUE) {
            return Placement.toQueue(target.value(), Explanation.notAssigned(asked, List.of(),
                    "queued in " + target.value(), null, null), null);
        }
        Screening screening = new Screening(routing.getMinimumTier(), evaluation.lead().getSegment(), state, now, excluded);
        String ownership = null;
        if (target.isPool() && state.owner() != null) {
            Sticky sticky = stickyOwner(target, asked, roster, state.owner(), screening);
            if (sticky.placement() != null) {
                return sticky.placement();
            }
            ownership = sticky.ownership();
        }
        List<Rep> pool = poolOf(target, roster);
        if (pool.isEmpty()) {
            return nobodyEligible(target, asked, List.of(), "nobody on the roster is in " + target, ownership, now);
        }
        Strategy strategy = target.isPool() ? strategyFor(target) : null;
        Screened screened = screen(pool, strategy, screening);
        if (screened.eligible().isEmpty()) {
            return nobodyEligible(target, asked, screened.candidates(), "no eligible rep in " + target, ownership, now);
        }
        return pick(target, asked, strategy, screened, state, ownership);
    }

    /** What eligibility is judged on for one lead: the rules' tier, the lead's segment, the pool's state, the time. */
    private record Screening(Tier tier, Segment segment, PoolSnapshot state, Instant now, Set<String> excluded) {

        Optional<String> exclusion(Rep rep) {
            return excluded.contains(rep.getId()) ? Optional.of(PREVIOUS_ASSIGNEE)
                    : Eligibility.exclusion(rep, tier, segment, state.usageOf(rep.getId()), now, state.holidays());
        }
    }

    /** The sticky-owner step: the owner's placement, or why the owner was passed over (then distribute). */
    private record Sticky(Placement placement, String ownership) {
    }

    /** The pool's reps with the reason each excluded one was skipped, and the eligible ones in roster order. */
    private record Screened(List<Candidate> candidates, List<Rep> eligible) {
    }

    /** Step 1: the lead's existing owner gets it when they are on the roster and eligible. */
    private static Sticky stickyOwner(RoutingTarget target, Explanation.Asked asked, List<Rep> roster,
                                      PoolSnapshot.Owner owner, Screening screening) {
        Optional<Rep> ownerRep = roster.stream().filter(r -> r.getId().equals(owner.repId())).findFirst();
        if (ownerRep.isEmpty()) {
            return new Sticky(null, "existing owner " + owner.repId() + " (" + owner.why() + ") is not on the roster;"
                    + " distributed in " + target);
        }
        Rep rep = ownerRep.get();
        Optional<String> exclusion = screening.exclusion(rep);
        if (exclusion.isPresent()) {
            return new Sticky(null, "existing owner " + rep.getId() + " (" + owner.why() + ") skipped: "
                    + exclusion.get() + "; distributed in " + target);
        }
        String why = "existing owner " + rep.getId() + " (" + owner.why() + ")";
        Explanation explanation = Explanation.assigned(asked, List.of(candidate(rep, screening.state(), null, null)),
                STICKY, "assigned to " + rep.getName() + " (" + rep.getId() + "), the " + why, target.poolKey(), null,
                why + " is eligible", rep.getId());
        return new Sticky(Placement.toRep(rep, explanation, target.poolKey(), null), null);
    }

    /** Step 2: availability, working hours, holidays, capacity, caps and tier for every rep of the pool. */
    private static Screened screen(List<Rep> pool, Strategy strategy, Screening screening) {
        List<Candidate> candidates = new ArrayList<>(pool.size());
        List<Rep> eligible = new ArrayList<>(pool.size());
        for (Rep rep : pool) {
            Optional<String> exclusion = screening.exclusion(rep);
            if (exclusion.isEmpty() && strategy == Strategy.WEIGHTED && rep.getWeight() <= 0) {
                exclusion = Optional.of("weight 0");
            }
            candidates.add(candidate(rep, screening.state(), exclusion.orElse(null), strategy));
            if (exclusion.isEmpty()) {
                eligible.add(rep);
            }
        }
        return new Screened(candidates, eligible);
    }

    /** Step 3: a rep target's rep, or one rep of the pool picked by the strategy ({@link FairSelection}). */
    private static Placement pick(RoutingTarget target, Explanation.Asked asked, Strategy strategy, Screened screened,
                                  PoolSnapshot state, String ownership) {
        if (!target.isPool()) {
            Rep chosen = screened.eligible().get(0);
            return Placement.toRep(chosen, Explanation.assigned(asked, screened.candidates(), DIRECT,
                    "assigned to " + chosen.getName() + " (" + chosen.getId() + ")", null, null, ownership,
                    chosen.getId()), null, null);
        }
        FairSelection.Selection selection = FairSelection.select(strategy, screened.eligible(), state.members(),
                state.turn(), state.openLeads());
        Rep chosen = screened.eligible().stream().filter(r -> r.getId().equals(selection.repId())).findFirst().orElseThrow();
        return Placement.toRep(chosen, Explanation.assigned(asked, screened.candidates(), strategy.name(),
                "assigned to " + chosen.getName() + " (" + chosen.getId() + ") by " + strategy, target.poolKey(),
                selection.state(), ownership, chosen.getId()), target.poolKey(), selection);
    }

    private static Candidate candidate(Rep rep, PoolSnapshot state, String excludedBecause, Strategy strategy) {
        MemberState member = state.members().getOrDefault(rep.getId(), MemberState.joining(state.turn()));
        Usage usage = state.usageOf(rep.getId());
        int open = state.openLeads().getOrDefault(rep.getId(), rep.getOpenLeads());
        Candidate candidate = Candidate.screened(rep.getId(), rep.getName(), open, excludedBecause, usage.today(),
                usage.thisWeek());
        if (strategy == Strategy.WEIGHTED) {
            return candidate.withWeights(rep.getWeight(), member.lastTurn(), member.currentWeight());
        }
        return strategy == null ? candidate : candidate.withTurn(member.lastTurn());
    }

    /** Step 4: nobody eligible: the pool's policy holds the lead or queues it in its fallback queue. Never dropped. */
    private Placement nobodyEligible(RoutingTarget target, Explanation.Asked asked, List<Candidate> candidates,
                                     String reason, String ownership, Instant now) {
        DistributionPolicy.PoolPolicy pool = target.isPool() ? policy.poolPolicy(target.value())
                : DistributionPolicy.PoolPolicy.DEFAULT;
        String poolKey = target.isPool() ? target.poolKey() : null;
        if (pool.hold()) {
            Instant retryAfter = now.plus(policy.holdRetryAfter());
            return Placement.held(new Hold(poolKey, reason, retryAfter), Explanation.notAssigned(asked, candidates,
                    "held: " + reason + "; retry after " + retryAfter, poolKey, ownership), poolKey);
        }
        String queue = pool.fallbackQueue() != null ? pool.fallbackQueue() : policy.fallbackQueue();
        return toQueue(queue, target, asked, candidates, reason, ownership);
    }

    private static Placement toQueue(String queue, RoutingTarget target, Explanation.Asked asked,
                                     List<Candidate> candidates, String reason, String ownership) {
        String poolKey = target != null && target.isPool() ? target.poolKey() : null;
        return Placement.toQueue(queue, Explanation.notAssigned(asked, candidates, "queued in " + queue + ": " + reason,
                poolKey, ownership), poolKey);
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
