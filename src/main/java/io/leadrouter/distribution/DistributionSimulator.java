package io.leadrouter.distribution;


import io.leadrouter.config.RoutingConfig;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.domain.Segment;
import io.leadrouter.engine.Evaluation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rep of a pool a lead would get, simulated for backtests: each pool's fairness state, the reps' open leads and
 * cap counts are read once from the database (today's state, without a lock) into an in-memory copy, and every
 * simulated pick moves only that copy. Nothing is written: no decision, no pool turn, no member row, no open-lead
 * count. Round robin turns, weights, caps, tiers and availability apply as in a real route, at the simulation's start
 * time. Sticky ownership is taken from the lead's CRM owner only: replayed leads would otherwise find themselves in
 * the decision log as their own earlier owner.
 */
@ApplicationScoped
public class DistributionSimulator {

    private final DistributionStore store;
    private final Distribution distribution;
    private final HolidayCalendar holidays;
    private final boolean sticky;

    DistributionSimulator(DistributionStore store, HolidayCalendar holidays, RoutingConfig config) {
        this.store = store;
        this.holidays = holidays;
        this.distribution = new Distribution(DistributionPolicy.from(config));
        this.sticky = config.distribution().sticky().enabled();
    }

    /** A fresh in-memory copy of today's pool state, at the current time; reps' availability is fixed at that time. */
    public Simulation start(List<Rep> roster) {
        Instant now = Instant.now();
        store.checkAvailability(roster, now);
        return new Simulation(roster, now);
    }

    /**
     * Where a simulated lead went.
     *
     * @param repId the rep, or null
     * @param queue the queue, or null
     * @param held  true when the pool's policy held the lead
     */
    public record Outcome(String repId, String repName, String queue, boolean held) {

        /** {@code "rep Ana Weber (rep-ana)"}, {@code "queue unassigned"}, {@code "held"}. */
        public String describe() {
            if (repId != null) {
                return "rep " + repName + " (" + repId + ")";
            }
            return held ? "held" : "queue " + queue;
        }
    }

    /** One backtest side's in-memory pool state. Not thread-safe: one replay at a time. */
    public final class Simulation {

        private final List<Rep> roster;
        private final Instant now;
        private final Map<String, Set<LocalDate>> holidayDays;
        private final Map<String, Long> turns = new HashMap<>();
        private final Map<String, Map<String, MemberState>> members = new HashMap<>();
        private final Map<String, Usage> storedUsage = new HashMap<>();
        private final Map<String, Integer> storedOpenLeads = new HashMap<>();
        private final Map<String, Integer> simulatedTotal = new HashMap<>();
        private final Map<String, Integer> simulatedBySegment = new HashMap<>();
        private long picks;

        private Simulation(List<Rep> roster, Instant now) {
            this.roster = roster;
            this.now = now;
            this.holidayDays = holidays.around(now);
        }

        /** The time whose pool state the simulation started from. */
        public Instant startedAt() {
            return now;
        }

        /** Simulated assignments to reps so far. */
        public long picks() {
            return picks;
        }

        public Outcome place(Evaluation evaluation) {
            RoutingTarget target = Distribution.targetOf(evaluation);
            PoolSnapshot snapshot = PoolSnapshot.EMPTY;
            if (target != null && target.kind() != RoutingTarget.Kind.QUEUE) {
                snapshot = snapshot(target, evaluation);
            }
            Placement placement = distribution.place(evaluation, roster, snapshot, now);
            if (placement.rep() != null) {
                picks++;
                Segment segment = evaluation.lead().getSegment();
                simulatedTotal.merge(placement.rep().getId(), 1, Integer::sum);
                simulatedBySegment.merge(segmentKey(placement.rep().getId(), segment), 1, Integer::sum);
            }
            if (placement.selection() != null && placement.pool() != null) {
                turns.put(placement.pool(), placement.selection().turn());
                members.get(placement.pool()).putAll(placement.selection().members());
            }
            return new Outcome(placement.rep() == null ? null : placement.rep().getId(),
                    placement.rep() == null ? null : placement.rep().getName(), placement.queue(),
                    placement.hold() != null);
        }

        private PoolSnapshot snapshot(RoutingTarget target, Evaluation evaluation) {
            Segment segment = evaluation.lead().getSegment();
            String ownerId = evaluation.lead().getExistingOwnerId();
            PoolSnapshot.Owner owner = sticky && target.isPool() && ownerId != null && !ownerId.isBlank()
                    ? new PoolSnapshot.Owner(ownerId.trim(), "existing owner per CRM") : null;
            List<Rep> involved = new ArrayList<>(Distribution.poolOf(target, roster));
            if (owner != null) {
                roster.stream().filter(r -> r.getId().equals(owner.repId()) && !involved.contains(r))
                        .forEach(involved::add);
            }
            String poolKey = target.isPool() ? target.poolKey() : null;
            boolean poolUnread = poolKey != null && !members.containsKey(poolKey);
            List<Rep> unread = involved.stream()
                    .filter(r -> !storedUsage.containsKey(segmentKey(r.getId(), segment))).toList();
            if (poolUnread || !unread.isEmpty()) {
                List<Rep> toRead = poolUnread ? involved : unread;
                PoolSnapshot read = QuarkusTransaction.requiringNew().call(() ->
                        store.standings(poolUnread ? poolKey : null, toRead, segment, null, now));
                if (poolUnread) {
                    turns.put(poolKey, read.turn());
                    members.put(poolKey, new HashMap<>(read.members()));
                }
                for (Rep rep : toRead) {
                    storedUsage.put(segmentKey(rep.getId(), segment), read.usageOf(rep.getId()));
                    storedOpenLeads.putIfAbsent(rep.getId(),
                            read.openLeads().getOrDefault(rep.getId(), rep.getOpenLeads()));
                }
            }
            Map<String, Integer> openLeads = new HashMap<>();
            Map<String, Usage> usage = new HashMap<>();
            for (Rep rep : involved) {
                int total = simulatedTotal.getOrDefault(rep.getId(), 0);
                int inSegment = simulatedBySegment.getOrDefault(segmentKey(rep.getId(), segment), 0);
                Usage stored = storedUsage.get(segmentKey(rep.getId(), segment));
                // The simulation runs at one instant: every simulated lead is in today's and this week's windows.
                usage.put(rep.getId(), new Usage(stored.today() + total, stored.thisWeek() + total,
                        stored.segmentToday() + inSegment, stored.segmentThisWeek() + inSegment));
                openLeads.put(rep.getId(), storedOpenLeads.getOrDefault(rep.getId(), rep.getOpenLeads()) + total);
            }
            return new PoolSnapshot(poolKey == null ? 0 : turns.get(poolKey),
                    poolKey == null ? Map.of() : members.get(poolKey), openLeads, usage, holidayDays, owner);
        }

        private static String segmentKey(String repId, Segment segment) {
            return repId + "|" + segment;
        }
    }
}
