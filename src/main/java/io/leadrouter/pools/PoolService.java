package io.leadrouter.pools;

import io.leadrouter.distribution.Distribution;
import io.leadrouter.distribution.DistributionPolicy;
import io.leadrouter.distribution.Eligibility;
import io.leadrouter.distribution.Usage;

import io.leadrouter.config.RoutingConfig;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.persistence.DecisionRepository;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads every pool's fairness state and per-rep counts for ops. */
@ApplicationScoped
public class PoolService {

    private final PoolStateRepository pools;
    private final RepRepository reps;
    private final DecisionRepository decisions;
    private final HolidayRepository holidays;
    private final DistributionPolicy policy;

    public PoolService(PoolStateRepository pools, RepRepository reps, DecisionRepository decisions,
                       HolidayRepository holidays, RoutingConfig config) {
        this.pools = pools;
        this.reps = reps;
        this.decisions = decisions;
        this.holidays = holidays;
        this.policy = DistributionPolicy.from(config);
    }

    /**
     * Every pool with its members' standing. A fixed number of statements however many members there are: the
     * roster, the holidays, the pools, all member rows, the all-time totals, and the cap windows once per distinct
     * day/week boundary (reps sharing a time zone share one statement).
     */
    @Transactional
    public List<PoolStatus> all() {
        Instant now = Instant.now();
        List<Rep> roster = reps.roster();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        Map<String, Set<LocalDate>> days = holidays.between(today.minusDays(1), today.plusDays(1));
        Map<String, Map<String, PoolMemberEntity>> rowsByPool = new LinkedHashMap<>();
        for (PoolMemberEntity m : pools.allMembers()) {
            rowsByPool.computeIfAbsent(m.poolKey, k -> new LinkedHashMap<>()).put(m.repId, m);
        }
        Map<DecisionRepository.RepInPool, Long> totals = decisions.totalsInPools();
        RosterUsage usage = RosterUsage.read(decisions, roster, now);
        List<PoolStatus> result = new ArrayList<>();
        for (PoolStateEntity state : pools.all()) {
            RoutingTarget target = targetOf(state.poolKey);
            Map<String, PoolMemberEntity> rows = rowsByPool.getOrDefault(state.poolKey, Map.of());
            Map<String, Rep> members = new LinkedHashMap<>();
            Distribution.poolOf(target, roster).forEach(r -> members.put(r.getId(), r));
            rows.keySet().forEach(id -> members.putIfAbsent(id, null));
            List<PoolStatus.Member> views = new ArrayList<>();
            members.forEach((id, rep) -> {
                PoolMemberEntity row = rows.get(id);
                Long lastTurn = row == null ? null : row.lastTurn;
                Long currentWeight = row == null ? null : row.currentWeight;
                long total = totals.getOrDefault(new DecisionRepository.RepInPool(id, state.poolKey), 0L);
                if (rep == null) {
                    views.add(new PoolStatus.Member(id, null, false, false, "not on the roster", null, lastTurn,
                            currentWeight, null, 0, 0, total));
                    return;
                }
                long[] inPool = usage.inPool(id, state.poolKey);
                Optional<String> exclusion = Eligibility.exclusion(rep, null, null, usage.overall(id), now, days);
                views.add(new PoolStatus.Member(id, rep.getName(), true, exclusion.isEmpty(), exclusion.orElse(null),
                        rep.getWeight(), lastTurn, currentWeight, rep.getOpenLeads(), inPool[1], inPool[0], total));
            });
            DistributionPolicy.PoolPolicy pool = policy.poolPolicy(target.value());
            String strategy = (pool.strategy() != null ? pool.strategy() : policy.defaultStrategy()).name();
            String whenNobody = pool.hold() ? "HOLD" : "QUEUE " + (pool.fallbackQueue() != null ? pool.fallbackQueue()
                    : policy.fallbackQueue());
            result.add(new PoolStatus(state.poolKey, state.turn, strategy, whenNobody, state.updatedAt, views));
        }
        return result;
    }

    /**
     * Why each rep on the roster could not take a lead now (any segment, no tier required), by rep id; reps missing
     * from the map could. The console's roster shows it at a glance.
     */
    @Transactional
    public Map<String, String> exclusionsNow() {
        Instant now = Instant.now();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        Map<String, Set<LocalDate>> days = holidays.between(today.minusDays(1), today.plusDays(1));
        List<Rep> roster = reps.roster();
        RosterUsage usage = RosterUsage.read(decisions, roster, now);
        Map<String, String> exclusions = new LinkedHashMap<>();
        for (Rep rep : roster) {
            Eligibility.exclusion(rep, null, null, usage.overall(rep.getId()), now, days)
                    .ifPresent(why -> exclusions.put(rep.getId(), why));
        }
        return exclusions;
    }

    /** The roster's leads in their cap windows (their day and week, in their time zone), read in a few statements. */
    private record RosterUsage(Map<DecisionRepository.RepInPool, long[]> byRepAndPool, Map<String, long[]> byRep) {

        static RosterUsage read(DecisionRepository decisions, List<Rep> roster, Instant now) {
            Map<List<Instant>, List<String>> byWindow = new LinkedHashMap<>();
            for (Rep rep : roster) {
                byWindow.computeIfAbsent(List.of(Eligibility.startOfWeek(rep, now), Eligibility.startOfDay(rep, now)),
                        k -> new ArrayList<>()).add(rep.getId());
            }
            Map<DecisionRepository.RepInPool, long[]> byRepAndPool = new HashMap<>();
            byWindow.forEach((window, ids) -> byRepAndPool.putAll(decisions.usageByRepAndPool(ids, window.get(0), window.get(1))));
            Map<String, long[]> byRep = new HashMap<>();
            byRepAndPool.forEach((key, counts) -> {
                long[] sum = byRep.computeIfAbsent(key.repId(), k -> new long[2]);
                sum[0] += counts[0];
                sum[1] += counts[1];
            });
            return new RosterUsage(byRepAndPool, byRep);
        }

        /** [this week, today] in one pool. */
        long[] inPool(String repId, String pool) {
            return byRepAndPool.getOrDefault(new DecisionRepository.RepInPool(repId, pool), new long[2]);
        }

        /** Over every pool, as caps count it (no segment: segment caps do not apply to "could take a lead now"). */
        Usage overall(String repId) {
            long[] c = byRep.getOrDefault(repId, new long[2]);
            return new Usage((int) c[1], (int) c[0], 0, 0);
        }
    }

    /** {@code team:emea} back to the target; team and specialty match case-insensitively, so lower case is fine. */
    private static RoutingTarget targetOf(String poolKey) {
        int colon = poolKey.indexOf(':');
        return new RoutingTarget(RoutingTarget.Kind.valueOf(poolKey.substring(0, colon).toUpperCase(Locale.ROOT)),
                poolKey.substring(colon + 1));
    }
}
