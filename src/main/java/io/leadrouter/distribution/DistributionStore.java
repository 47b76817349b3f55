package io.leadrouter.distribution;

import io.leadrouter.config.RoutingConfig;
import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.domain.Segment;
import io.leadrouter.persistence.DecisionRepository;
import io.leadrouter.persistence.DecisionRepository.EarlierAssignment;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The distribution step's database side: locks a pool, reads its fairness state, the reps' open leads, cap counts,
 * holidays and the lead's existing owner, and stores the state after a pick. Everything that decides the pick is read
 * after the lock is held, and with queries (projections) rather than entities cached earlier in the transaction, so
 * concurrent routes see each other's results. Per lead that is: one statement for sticky ownership, and one for the
 * pool's turn, its members' rows, open leads and cap counts together (one per distinct cap window when the reps'
 * time zones differ in offset); holidays come from {@link HolidayCalendar}, the roster from {@link RosterCache}.
 */
@ApplicationScoped
public class DistributionStore {

    private final PoolStateRepository pools;
    private final PoolStateRepository.PoolStateCreator poolCreator;
    private final RepRepository reps;
    private final DecisionRepository decisions;
    private final HolidayCalendar holidays;
    private final RoutingConfig.Sticky sticky;
    private final Set<String> ignoredDomains;

    DistributionStore(PoolStateRepository pools, PoolStateRepository.PoolStateCreator poolCreator, RepRepository reps,
                      DecisionRepository decisions, HolidayCalendar holidays, RoutingConfig config) {
        this.pools = pools;
        this.poolCreator = poolCreator;
        this.reps = reps;
        this.decisions = decisions;
        this.holidays = holidays;
        this.sticky = config.distribution().sticky();
        Set<String> ignored = new HashSet<>();
        sticky.ignoredDomains().forEach(d -> ignored.add(d.trim().toLowerCase(Locale.ROOT)));
        this.ignoredDomains = Set.copyOf(ignored);
    }

    /**
     * Holds the pool's row lock until the transaction ends. No-op for targets that are not pools, and for a pool
     * nobody on the roster is in: such a route reads and writes no pool state (it can only go to a sticky owner,
     * whose caps are re-checked under the owner's own row lock, or to the fallback), so there is nothing to serialize.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(RoutingTarget target, List<Rep> roster) {
        if (target != null && target.isPool() && !Distribution.poolOf(target, roster).isEmpty()) {
            pools.lock(target.poolKey(), poolCreator);
        }
    }

    /**
     * Reads what {@link Distribution} needs for the target. Call after {@link #lock} unless it is a dry run.
     *
     * @param lead the lead as the rules left it (segment)
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PoolSnapshot snapshot(RoutingTarget target, List<Rep> roster, Lead lead, Instant now) {
        if (target == null || target.kind() == RoutingTarget.Kind.QUEUE) {
            return PoolSnapshot.EMPTY;
        }
        PoolSnapshot.Owner owner = target.isPool() ? owner(lead, now) : null;
        List<Rep> involved = new ArrayList<>(Distribution.poolOf(target, roster));
        if (owner != null) {
            roster.stream().filter(r -> r.getId().equals(owner.repId()) && !involved.contains(r)).forEach(involved::add);
        }
        if (involved.isEmpty()) {
            // Nobody to place the lead with: no state, counts or holidays are looked at.
            return new PoolSnapshot(0, Map.of(), Map.of(), Map.of(), Map.of(), owner);
        }
        return standings(target.isPool() ? target.poolKey() : null, involved, lead.getSegment(), owner, now);
    }

    /**
     * The pool's turn and members' rows (none when {@code poolKey} is null), and the open leads and cap counts of the
     * involved reps, read now. Backtests read it once per pool and then simulate on the copy.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    PoolSnapshot standings(String poolKey, List<Rep> involved, Segment segment, PoolSnapshot.Owner owner, Instant now) {
        // Reps whose cap windows start at the same instants are read together: usually the whole pool at once.
        Map<List<Instant>, List<String>> byWindow = new LinkedHashMap<>();
        for (Rep rep : involved) {
            byWindow.computeIfAbsent(List.of(Eligibility.startOfWeek(rep, now), Eligibility.startOfDay(rep, now)),
                    w -> new ArrayList<>()).add(rep.getId());
        }
        long turn = 0;
        Map<String, MemberState> members = new HashMap<>();
        Map<String, Integer> openLeads = new HashMap<>();
        Map<String, Usage> usage = new HashMap<>();
        for (Map.Entry<List<Instant>, List<String>> window : byWindow.entrySet()) {
            PoolStateRepository.Standings read = pools.standings(poolKey, window.getValue(), window.getKey().get(0),
                    window.getKey().get(1), segment == null ? null : segment.name());
            turn = Math.max(turn, read.turn());
            for (PoolStateRepository.Standing s : read.reps()) {
                if (s.member()) {
                    members.put(s.repId(), new MemberState(s.lastTurn(), s.currentWeight(), s.assignedTotal()));
                }
                openLeads.put(s.repId(), s.openLeads());
                usage.put(s.repId(), usage(s.usage()));
            }
        }
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        return new PoolSnapshot(turn, members, openLeads, usage, holidays.around(today), owner);
    }

    /**
     * Fixes what rules see as {@code Rep(eligible)} for this route at {@code now} (availability, dated absence,
     * holidays, working hours, capacity), so rules and distribution agree. Holidays come from the cache.
     */
    public void checkAvailability(List<Rep> roster, Instant now) {
        Map<String, Set<LocalDate>> days = holidays.around(now);
        roster.forEach(rep -> rep.checkAvailability(now, days));
    }

    /** {@code [this week, today, this week of segment, today of segment]} as a {@link Usage}. */
    private static Usage usage(long[] c) {
        return new Usage((int) c[1], (int) c[0], (int) c[3], (int) c[2]);
    }

    /** Counts a rep's leads in the cap windows (their day and week, in their time zone) from the decision log. */
    record UsageReader(DecisionRepository decisions) {

        Usage usage(Rep rep, Segment segment, Instant now) {
            return DistributionStore.usage(decisions.usage(rep.getId(), Eligibility.startOfWeek(rep, now),
                    Eligibility.startOfDay(rep, now), segment == null ? null : segment.name(), null));
        }
    }

    /** Locks the rep's row and reads their counts again: another pool may have given them a lead meanwhile. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Usage lockAndRecount(Rep rep, Segment segment, Instant now) {
        reps.lock(rep.getId());
        return new UsageReader(decisions).usage(rep, segment, now);
    }

    /**
     * Sticky ownership: the CRM's existing owner, else the assignee of the latest lead with the same email, else of
     * the latest lead from the same company email domain (free-mail domains excepted), each within its window. The
     * two decision-log look-ups are one statement.
     */
    PoolSnapshot.Owner owner(Lead lead, Instant now) {
        if (!sticky.enabled()) {
            return null;
        }
        if (lead.getExistingOwnerId() != null && !lead.getExistingOwnerId().isBlank()) {
            return new PoolSnapshot.Owner(lead.getExistingOwnerId().trim(), "existing owner per CRM");
        }
        String email = lead.getEmail() == null ? null : lead.getEmail().trim().toLowerCase(Locale.ROOT);
        if (email != null && email.isEmpty()) {
            email = null;
        }
        String domain = lead.getEmailDomain();
        if (domain != null && ignoredDomains.contains(domain)) {
            domain = null;
        }
        DecisionRepository.EarlierOwner found = decisions.latestAssigned(email, now.minus(sticky.emailWindow()),
                domain, now.minus(sticky.domainWindow()));
        if (found == null) {
            return null;
        }
        EarlierAssignment earlier = found.assignment();
        return found.byEmail()
                ? new PoolSnapshot.Owner(earlier.assigneeId(), "owner of lead " + earlier.leadId()
                        + " with the same email, routed " + earlier.decidedAt())
                : new PoolSnapshot.Owner(earlier.assigneeId(), "owner of lead " + earlier.leadId()
                        + " from the same company domain " + domain + ", routed " + earlier.decidedAt());
    }

    /**
     * Stores the pool state after a pick. Only for real routes, never for dry runs; the pool's lock is held, so the
     * member rows are still as {@code snapshot} read them: only rows that changed are written, new members inserted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(Placement placement, PoolSnapshot snapshot, Instant now) {
        FairSelection.Selection selection = placement.selection();
        if (selection == null || placement.pool() == null) {
            return;
        }
        // Managed since the lock read it: the turn is written at flush.
        PoolStateEntity state = pools.findById(placement.pool());
        state.turn = selection.turn();
        state.updatedAt = now;
        selection.members().forEach((repId, member) -> {
            MemberState before = snapshot.members().get(repId);
            if (before == null) {
                PoolMemberEntity row = new PoolMemberEntity();
                row.poolKey = placement.pool();
                row.repId = repId;
                row.lastTurn = member.lastTurn();
                row.currentWeight = member.currentWeight();
                row.assignedTotal = member.assignedTotal();
                row.persist();
            } else if (!before.equals(member)) {
                pools.updateMember(placement.pool(), repId, member.lastTurn(), member.currentWeight(),
                        member.assignedTotal());
            }
        });
    }
}
