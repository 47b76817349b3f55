package io.leadrouter.distribution;

import io.leadrouter.config.RoutingConfig;
import io.leadrouter.domain.Strategy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The configured distribution settings, as plain values (see {@code RoutingConfig.Distribution}).
 *
 * @param fallbackQueue   the queue for leads nobody can take, unless their pool says otherwise
 * @param defaultStrategy used when neither the rule nor the pool names one
 * @param holdRetryAfter  the retry hint for held leads
 * @param pools           per-pool settings by team name or specialty (case-insensitive)
 */
public record DistributionPolicy(String fallbackQueue, Strategy defaultStrategy, Duration holdRetryAfter,
                          Map<String, PoolPolicy> pools) {

    /**
     * @param strategy      the pool's default strategy, or null for the global default
     * @param hold          hold the lead instead of queueing it when nobody in the pool is eligible
     * @param fallbackQueue the pool's own fallback queue, or null for the global one
     */
    public record PoolPolicy(Strategy strategy, boolean hold, String fallbackQueue) {
        static final PoolPolicy DEFAULT = new PoolPolicy(null, false, null);
    }

    public PoolPolicy poolPolicy(String poolName) {
        if (poolName == null) {
            return PoolPolicy.DEFAULT;
        }
        return pools.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(poolName.trim()))
                .map(Map.Entry::getValue).findFirst().orElse(PoolPolicy.DEFAULT);
    }

    static String normal(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The settings under {@code routing.distribution} (and the fallback queue), as plain values. */
    public static DistributionPolicy from(RoutingConfig config) {
        Map<String, DistributionPolicy.PoolPolicy> pools = new HashMap<>();
        config.distribution().pools().forEach((name, pool) -> pools.put(name, new DistributionPolicy.PoolPolicy(
                pool.strategy().orElse(null), pool.whenNobodyEligible() == RoutingConfig.WhenNobodyEligible.HOLD,
                pool.fallbackQueue().orElse(null))));
        return new DistributionPolicy(config.fallbackQueue(), config.distribution().defaultStrategy(),
                config.distribution().holdRetryAfter(), pools);
    }
}
