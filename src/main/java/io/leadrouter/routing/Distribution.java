package io.leadrouter.routing;

import io.leadrouter.domain.Availability;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.domain.Tier;
import io.leadrouter.engine.Evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns what the rules decided into one rep or one queue. Rules say who is eligible (one rep, a team, the
 * specialists of an industry); this step applies availability, capacity and tier, and picks the least-loaded
 * eligible rep. Leads are never dropped: when nobody is eligible the lead goes to the fallback queue, and the
 * explanation says why.
 */
final class Distribution {

    static final String LEAST_LOADED = "least loaded: fewest open leads, then rep id";

    private final String fallbackQueue;

    Distribution(String fallbackQueue) {
        this.fallbackQueue = fallbackQueue;
    }

    Placement place(Evaluation evaluation, List<Rep> roster) {
        var routing = evaluation.routing();
        var scoreChanges = routing.getScoreChanges();
        String minimumTier = routing.getMinimumTier() == null ? null : routing.getMinimumTier().name();
        if (evaluation.failed()) {
            return toFallback(null, null, minimumTier, List.of(), "rules failed (" + evaluation.failure() + ")", scoreChanges);
        }
        RoutingTarget target = routing.getTarget();
        if (target == null) {
            return toFallback(null, null, minimumTier, List.of(), "no rule assigned the lead", scoreChanges);
        }
        String decidedBy = routing.getTargetRule();
        if (target.kind() == RoutingTarget.Kind.QUEUE) {
            return new Placement(null, target.value(), new Explanation(target.toString(), decidedBy, minimumTier,
                    List.of(), null, "queued in " + target.value(), scoreChanges));
        }
        List<Rep> pool = roster.stream().filter(inPool(target)).toList();
        if (pool.isEmpty()) {
            return toFallback(target, decidedBy, minimumTier, List.of(), "nobody on the roster is in " + target, scoreChanges);
        }
        List<Candidate> candidates = new ArrayList<>();
        List<Rep> eligible = new ArrayList<>();
        for (Rep rep : pool) {
            Optional<String> exclusion = exclusion(rep, routing.getMinimumTier());
            candidates.add(new Candidate(rep.getId(), rep.getName(), rep.getOpenLeads(), exclusion.isEmpty(), exclusion.orElse(null)));
            exclusion.ifPresentOrElse(reason -> { }, () -> eligible.add(rep));
        }
        if (eligible.isEmpty()) {
            return toFallback(target, decidedBy, minimumTier, candidates, "no eligible rep in " + target, scoreChanges);
        }
        Rep chosen = eligible.stream()
                .min(Comparator.comparingInt(Rep::getOpenLeads).thenComparing(Rep::getId))
                .orElseThrow();
        String strategy = target.kind() == RoutingTarget.Kind.REP ? "direct" : LEAST_LOADED;
        return new Placement(chosen, null, new Explanation(target.toString(), decidedBy, minimumTier, candidates,
                strategy, "assigned to " + chosen.getName() + " (" + chosen.getId() + ")", scoreChanges));
    }

    private Placement toFallback(RoutingTarget target, String decidedBy, String minimumTier, List<Candidate> candidates,
                                 String reason, List<io.leadrouter.domain.ScoreChange> scoreChanges) {
        return new Placement(null, fallbackQueue, new Explanation(target == null ? null : target.toString(), decidedBy,
                minimumTier, candidates, null, "queued in " + fallbackQueue + ": " + reason, scoreChanges));
    }

    private static Predicate<Rep> inPool(RoutingTarget target) {
        return switch (target.kind()) {
            case REP -> rep -> rep.getId().equals(target.value());
            case TEAM -> rep -> target.value().equalsIgnoreCase(rep.getTeam());
            case SPECIALISTS -> rep -> rep.hasSpecialty(target.value());
            case QUEUE -> rep -> false;
        };
    }

    /** Why the rep cannot take a lead now, or empty when they can. */
    static Optional<String> exclusion(Rep rep, Tier minimumTier) {
        if (!rep.isActive()) {
            return Optional.of("inactive");
        }
        if (rep.getAvailability() == Availability.OUT_OF_OFFICE) {
            return Optional.of("out of office");
        }
        if (rep.getAvailability() == Availability.AWAY) {
            return Optional.of("away");
        }
        if (rep.isAtCapacity()) {
            return Optional.of("at capacity (" + rep.getOpenLeads() + "/" + rep.getCapacity() + " open leads)");
        }
        if (minimumTier != null && !rep.getTier().atLeast(minimumTier)) {
            return Optional.of("tier " + rep.getTier() + " is below the required " + minimumTier);
        }
        return Optional.empty();
    }
}
