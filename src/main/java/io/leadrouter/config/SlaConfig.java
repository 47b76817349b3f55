package io.leadrouter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Response SLAs (time to first touch) and what happens on a breach. A rule's {@code routing.sla("PT15M")} wins over
 * everything here; then, most specific first: the pool's SLA for the lead's priority, the pool's SLA, the SLA for the
 * priority, the default. Nothing configured and no rule setting one: no SLA (the default). See README, "Lead
 * lifecycle".
 */
@ConfigMapping(prefix = "routing.sla")
public interface SlaConfig {

    /** Off: no SLA clock starts, whatever rules or configuration say; running timers are not checked. */
    @WithDefault("true")
    boolean enabled();

    /** The SLA of every assignment nothing more specific covers ({@code routing.sla.default=PT4H}); none if unset. */
    @WithName("default")
    Optional<Duration> defaultSla();

    /** SLA by lead priority ({@code LOW}, {@code NORMAL}, {@code HIGH}, {@code URGENT}): {@code routing.sla.priorities.URGENT=PT15M}. */
    Map<String, Duration> priorities();

    /**
     * Per pool, keyed by team name or specialty (case-insensitive, as in {@code routing.distribution.pools}):
     * {@code routing.sla.pools."DACH\ Enterprise".sla=PT30M}, {@code routing.sla.pools."DACH\ Enterprise".priorities.URGENT=PT10M}
     * (in a properties file a space in a key is escaped with a backslash).
     */
    Map<String, Pool> pools();

    interface Pool {

        /** The pool's SLA for leads whose priority has no entry in {@link #priorities()}. */
        Optional<Duration> sla();

        /** The pool's SLA by lead priority. */
        Map<String, Duration> priorities();
    }

    /**
     * True (default): the SLA is counted in the assignee's working hours, time zone and holidays (17:55 plus 15
     * minutes is 09:10 the next working day for a 09:00-18:00 rep). False: wall-clock time.
     */
    @WithDefault("true")
    boolean businessHours();

    /** How often due timers are looked for. Each instance checks; a timer fires on one of them, once. */
    @WithDefault("2s")
    Duration checkEvery();

    /** At most this many timers fired per check and instance; the rest wait for the next check. */
    @WithDefault("100")
    int batchSize();

    /**
     * How many of the lead's previous assignees a re-route excludes, most recent first. The default excludes every
     * one a lead can collect before it is escalated.
     */
    @WithDefault("10")
    int excludeDepth();

    /** After this many breaches of one lead, the next breach escalates it to {@link #escalationQueue()} instead. */
    @WithDefault("3")
    int maxBreaches();

    /** Where a lead goes when it was breached {@link #maxBreaches()} times, or nobody else in its pool can take it. */
    @WithDefault("SLA escalations")
    String escalationQueue();

    /** True: the rep who let an SLA lapse is set to {@code AWAY} (so no new leads reach them until they are back). */
    @WithDefault("false")
    boolean markLateRepAway();
}
