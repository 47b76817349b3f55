package io.leadrouter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Repeated routes of one lead through {@code POST /api/route} (see {@code docs/idempotency.md}). */
@ConfigMapping(prefix = "routing.idempotency")
public interface IdempotencyConfig {

    /**
     * How long an {@code Idempotency-Key} is remembered, per caller: a repeat within this answers the first decision
     * (a different lead under the key is a 409); after it the key is forgotten and counts as new.
     */
    @WithDefault("P1D")
    Duration keyRetention();

    /**
     * After a real route of a lead id, how long another real route of the same id (with no key, or a new one)
     * answers that decision with {@code duplicate: true} instead of routing again, unless the caller sends
     * {@code reroute=true}. {@code PT0S} switches this off: every route without a known key routes.
     */
    @WithDefault("PT10M")
    Duration duplicateWindow();

    /** How often keys past their retention and lead claims past the window are deleted. */
    @WithDefault("1h")
    String purgeEvery();
}
