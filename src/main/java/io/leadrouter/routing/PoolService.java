package io.leadrouter.routing;

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
        this.policy = RoutingService.policy(config);
    }

    @Transactional
    public List<PoolStatus> all() {
        Instant now = Instant.now();
        List<Rep> roster = reps.roster();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        Map<String, Set<LocalDate>> days = holidays.between(today.minusDays(1), today.plusDays(1));
        List<PoolStatus> result = new ArrayList<>();
        for (PoolStateEntity state : pools.all()) {
            RoutingTarget target = targetOf(state.poolKey);
            Map<String, PoolMemberEntity> rows = new LinkedHashMap<>();
            pools.members(state.poolKey).forEach(m -> rows.put(m.repId, m));
            List<Rep> inPool = Distribution.poolOf(target, roster);
            Map<String, Rep> members = new LinkedHashMap<>();
            inPool.forEach(r -> members.put(r.getId(), r));
            rows.keySet().forEach(id -> members.putIfAbsent(id, null));
            List<PoolStatus.Member> views = new ArrayList<>();
            members.forEach((id, rep) -> {
                PoolMemberEntity row = rows.get(id);
                Long lastTurn = row == null ? null : row.lastTurn;
                Long currentWeight = row == null ? null : row.currentWeight;
                long total = decisions.countInPool(id, state.poolKey);
                if (rep == null) {
                    views.add(new PoolStatus.Member(id, null, false, false, "not on the roster", null, lastTurn,
                            currentWeight, null, 0, 0, total));
                    return;
                }
                long[] counts = decisions.usage(id, Eligibility.startOfWeek(rep, now), Eligibility.startOfDay(rep, now),
                        null, state.poolKey);
                Optional<String> exclusion = Eligibility.exclusion(rep, null, null,
                        new DistributionStore.UsageReader(decisions).usage(rep, now), now, days);
                views.add(new PoolStatus.Member(id, rep.getName(), true, exclusion.isEmpty(), exclusion.orElse(null),
                        rep.getWeight(), lastTurn, currentWeight, rep.getOpenLeads(), counts[1], counts[0], total));
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
        DistributionStore.UsageReader usage = new DistributionStore.UsageReader(decisions);
        Map<String, String> exclusions = new LinkedHashMap<>();
        for (Rep rep : reps.roster()) {
            Eligibility.exclusion(rep, null, null, usage.usage(rep, now), now, days)
                    .ifPresent(why -> exclusions.put(rep.getId(), why));
        }
        return exclusions;
    }

    /** {@code team:emea} back to the target; team and specialty match case-insensitively, so lower case is fine. */
    private static RoutingTarget targetOf(String poolKey) {
        int colon = poolKey.indexOf(':');
        return new RoutingTarget(RoutingTarget.Kind.valueOf(poolKey.substring(0, colon).toUpperCase(Locale.ROOT)),
                poolKey.substring(colon + 1));
    }
}
