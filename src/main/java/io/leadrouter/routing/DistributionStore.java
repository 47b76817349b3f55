package io.leadrouter.routing;

import io.leadrouter.config.RoutingConfig;
import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.domain.Segment;
import io.leadrouter.persistence.DecisionRepository;
import io.leadrouter.persistence.DecisionRepository.EarlierAssignment;
import io.leadrouter.persistence.HolidayRepository;
import io.leadrouter.persistence.PoolMemberEntity;
import io.leadrouter.persistence.PoolStateEntity;
import io.leadrouter.persistence.PoolStateRepository;
import io.leadrouter.persistence.RepRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The distribution step's database side: locks a pool, reads its fairness state, the reps' open leads, cap counts,
 * holidays and the lead's existing owner, and stores the state after a pick. Everything is read after the lock is
 * held, and with queries rather than entities cached earlier in the transaction, so concurrent routes see each
 * other's results.
 */
@ApplicationScoped
class DistributionStore {

    private final PoolStateRepository pools;
    private final PoolStateRepository.PoolStateCreator poolCreator;
    private final RepRepository reps;
    private final DecisionRepository decisions;
    private final HolidayRepository holidays;
    private final RoutingConfig.Sticky sticky;

    DistributionStore(PoolStateRepository pools, PoolStateRepository.PoolStateCreator poolCreator, RepRepository reps,
                      DecisionRepository decisions, HolidayRepository holidays, RoutingConfig config) {
        this.pools = pools;
        this.poolCreator = poolCreator;
        this.reps = reps;
        this.decisions = decisions;
        this.holidays = holidays;
        this.sticky = config.distribution().sticky();
    }

    /** Holds the pool's row lock until the transaction ends. No-op for targets that are not pools. */
    @Transactional(Transactional.TxType.MANDATORY)
    void lock(RoutingTarget target) {
        if (target != null && target.isPool()) {
            pools.lock(target.poolKey(), poolCreator);
        }
    }

    /**
     * Reads what {@link Distribution} needs for the target. Call after {@link #lock} unless it is a dry run.
     *
     * @param lead the lead as the rules left it (segment)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    PoolSnapshot snapshot(RoutingTarget target, List<Rep> roster, Lead lead, Instant now) {
        if (target == null || target.kind() == RoutingTarget.Kind.QUEUE) {
            return PoolSnapshot.EMPTY;
        }
        PoolSnapshot.Owner owner = target.isPool() ? owner(lead, now) : null;
        List<Rep> involved = new ArrayList<>(Distribution.poolOf(target, roster));
        if (owner != null) {
            roster.stream().filter(r -> r.getId().equals(owner.repId()) && !involved.contains(r)).forEach(involved::add);
        }
        long turn = 0;
        Map<String, MemberState> members = new HashMap<>();
        if (target.isPool()) {
            PoolStateEntity state = pools.findById(target.poolKey());
            turn = state == null ? 0 : state.turn;
            for (PoolMemberEntity m : pools.members(target.poolKey())) {
                members.put(m.repId, new MemberState(m.lastTurn, m.currentWeight, m.assignedTotal));
            }
        }
        Segment segment = lead.getSegment();
        Map<String, Usage> usage = new HashMap<>();
        for (Rep rep : involved) {
            usage.put(rep.getId(), usage(rep, segment, now));
        }
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        return new PoolSnapshot(turn, members, reps.openLeads(involved.stream().map(Rep::getId).toList()), usage,
                holidays.between(today.minusDays(1), today.plusDays(1)), owner);
    }

    /** The rep's cap-window counts over every pool, read now. */
    Usage usage(Rep rep, Segment segment, Instant now) {
        return new UsageReader(decisions).usage(rep, segment, now);
    }

    /** Counts a rep's leads in the cap windows (their day and week, in their time zone) from the decision log. */
    record UsageReader(DecisionRepository decisions) {

        Usage usage(Rep rep, Instant now) {
            return usage(rep, null, now);
        }

        Usage usage(Rep rep, Segment segment, Instant now) {
            long[] c = decisions.usage(rep.getId(), Eligibility.startOfWeek(rep, now), Eligibility.startOfDay(rep, now),
                    segment == null ? null : segment.name(), null);
            return new Usage((int) c[1], (int) c[0], (int) c[3], (int) c[2]);
        }
    }

    /** Locks the rep's row and reads their counts again: another pool may have given them a lead meanwhile. */
    @Transactional(Transactional.TxType.MANDATORY)
    Usage lockAndRecount(Rep rep, Segment segment, Instant now) {
        reps.lock(rep.getId());
        return usage(rep, segment, now);
    }

    /**
     * Sticky ownership: the CRM's existing owner, else the assignee of the latest lead with the same email, else of
     * the latest lead from the same company email domain (free-mail domains excepted), each within its window.
     */
    PoolSnapshot.Owner owner(Lead lead, Instant now) {
        if (!sticky.enabled()) {
            return null;
        }
        if (lead.getExistingOwnerId() != null && !lead.getExistingOwnerId().isBlank()) {
            return new PoolSnapshot.Owner(lead.getExistingOwnerId().trim(), "existing owner per CRM");
        }
        String email = lead.getEmail() == null ? null : lead.getEmail().trim().toLowerCase(Locale.ROOT);
        if (email != null && !email.isEmpty()) {
            EarlierAssignment earlier = decisions.latestAssignedByEmail(email, now.minus(sticky.emailWindow()));
            if (earlier != null) {
                return new PoolSnapshot.Owner(earlier.assigneeId(), "owner of lead " + earlier.leadId()
                        + " with the same email, routed " + earlier.decidedAt());
            }
        }
        String domain = lead.getEmailDomain();
        Set<String> ignored = new LinkedHashSet<>();
        sticky.ignoredDomains().forEach(d -> ignored.add(d.trim().toLowerCase(Locale.ROOT)));
        if (domain != null && !ignored.contains(domain)) {
            EarlierAssignment earlier = decisions.latestAssignedByDomain(domain, now.minus(sticky.domainWindow()));
            if (earlier != null) {
                return new PoolSnapshot.Owner(earlier.assigneeId(), "owner of lead " + earlier.leadId()
                        + " from the same company domain " + domain + ", routed " + earlier.decidedAt());
            }
        }
        return null;
    }

    /** Stores the pool state after a pick. Only for real routes, never for dry runs; the pool's lock is held. */
    @Transactional(Transactional.TxType.MANDATORY)
    void save(Placement placement, Instant now) {
        FairSelection.Selection selection = placement.selection();
        if (selection == null || placement.pool() == null) {
            return;
        }
        PoolStateEntity state = pools.findById(placement.pool());
        state.turn = selection.turn();
        state.updatedAt = now;
        Map<String, PoolMemberEntity> existing = new HashMap<>();
        pools.members(placement.pool()).forEach(m -> existing.put(m.repId, m));
        selection.members().forEach((repId, member) -> {
            PoolMemberEntity row = existing.get(repId);
            if (row == null) {
                row = new PoolMemberEntity();
                row.poolKey = placement.pool();
                row.repId = repId;
                row.persist();
            }
            row.lastTurn = member.lastTurn();
            row.currentWeight = member.currentWeight();
            row.assignedTotal = member.assignedTotal();
        });
    }
}
