package io.leadrouter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How long the decision log, raw webhook bodies and rule history are kept. A scheduled job deletes what is older, in
 * small batches, once per period across all instances (see README, "Data retention").
 */
@ConfigMapping(prefix = "routing.retention")
public interface RetentionConfig {

    /** Off: nothing is ever deleted by the service. */
    @WithDefault("true")
    boolean enabled();

    /** How often the job runs; one instance of a cluster runs it per period. */
    @WithDefault("1h")
    Duration runEvery();

    /**
     * Decisions older than this are deleted, with what belongs to them (webhook deliveries and push-backs, SLA
     * timers, outcomes, batch rows) and lead events older than this. Caps and sticky ownership only look back days.
     */
    @WithDefault("P730D")
    Duration decisions();

    /** Raw webhook bodies (personal data as the CRM sent it) are blanked after this; the delivery row stays for idempotency. */
    @WithDefault("P30D")
    Duration webhookBodies();

    /**
     * Rule versions kept with their files (for history and rollback): the newest this many, and always the version
     * this instance serves. Older ones are deleted.
     */
    @WithDefault("200")
    int ruleVersionsKept();

    /** Rows deleted per transaction, so the job never holds long locks on the log. */
    @WithDefault("1000")
    int batchSize();

    /** Most rows one run deletes per table; the rest waits for the next run. */
    @WithDefault("200000")
    int maxPerRun();
}
