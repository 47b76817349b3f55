package io.leadrouter.config;

import io.leadrouter.domain.Strategy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where the rules live and what happens to leads the rules cannot place. */
@ConfigMapping(prefix = "routing")
public interface RoutingConfig {

    /** Directory of {@code *.drl} files, searched recursively; relative paths are against the working directory. */
    @WithDefault("rules")
    String rulesDir();

    /** Directory of decision tables ({@code *.xlsx}, {@code *.xls}, {@code *.csv}), searched recursively. */
    @WithDefault("decision-tables")
    String decisionTablesDir();

    /**
     * Queue for a lead no rule assigned, whose pool has no eligible rep, or whose evaluation failed. Leads are never
     * dropped: they land here and the decision says why.
     */
    @WithDefault("Unassigned")
    String fallbackQueue();

    /** Limits on rule evaluation, so that no rule can take the service down (see {@code rules/README.md}, Limits). */
    Rules rules();

    interface Rules {

        /**
         * Time budget of one lead's evaluation. A lead whose rules run longer goes to the fallback queue with the
         * reason in its decision, and the caller is answered; the rule that was firing is reported in
         * {@code GET /api/rules} (lastAttempt.warnings).
         */
        @WithDefault("500ms")
        Duration evaluationTimeout();

        /**
         * Threads that evaluate rules, at most. A rule that spins without end cannot be stopped: its thread is
         * abandoned, counted ({@code leadrouter.rules.evaluations.stuck}) and routing goes on with the others; when
         * every one is stuck, health is DOWN and leads go straight to the fallback queue.
         */
        @WithDefault("8")
        int evaluationThreads();

        /**
         * Matched rules stored and answered per decision, at most. A rule set that fires more (a looping rule) keeps
         * the first ones; the explanation says how many more fired.
         */
        @WithDefault("100")
        int maxMatchedRules();
    }

    /** How a pool (a team, the specialists of an industry) is narrowed to one rep. See {@code docs/distribution.md}. */
    Distribution distribution();

    interface Distribution {

        /**
         * The strategy when neither the rule ({@code routing.assignToTeam("EMEA", "WEIGHTED")}) nor the pool's
         * {@code strategy} names one: {@code ROUND_ROBIN}, {@code WEIGHTED} or {@code LEAST_LOADED}.
         */
        @WithDefault("ROUND_ROBIN")
        Strategy defaultStrategy();

        /** The retry hint a held lead carries: now plus this ({@code PT15M}, {@code 1h}). */
        @WithDefault("PT15M")
        Duration holdRetryAfter();

        /**
         * How long routing may use the holidays it read before reading them again. Holiday edits through
         * {@code /api/holidays} apply regardless: on this instance to the next lead, on the others after their next
         * cluster poll (the {@code holidays} change version); this bounds how long an edit made directly in the
         * database, without that version bump, takes to be seen.
         */
        @WithDefault("PT1M")
        Duration holidayCacheTtl();

        /** Sticky ownership: existing customers and duplicate leads go to their existing owner when eligible. */
        Sticky sticky();

        /**
         * Per-pool settings, keyed by team name or specialty (case-insensitive):
         * {@code routing.distribution.pools.EMEA.when-nobody-eligible=HOLD}.
         */
        Map<String, Pool> pools();
    }

    interface Sticky {

        /** Off: every lead is distributed in its pool, owners or not. */
        @WithDefault("true")
        boolean enabled();

        /** How far back the decision log is searched for an earlier lead with the same email. */
        @WithDefault("P365D")
        Duration emailWindow();

        /** How far back the decision log is searched for an earlier lead from the same company email domain. */
        @WithDefault("P90D")
        Duration domainWindow();

        /** Email domains shared by unrelated people, never used to match a company. */
        @WithDefault("gmail.com,googlemail.com,yahoo.com,hotmail.com,outlook.com,live.com,icloud.com,aol.com,gmx.de,gmx.net,web.de,proton.me,protonmail.com")
        Set<String> ignoredDomains();
    }

    interface Pool {

        /** The pool's strategy when the rule names none. */
        Optional<Strategy> strategy();

        /** {@code QUEUE} (default): the fallback queue; {@code HOLD}: the decision says held, with a retry hint. */
        @WithDefault("QUEUE")
        WhenNobodyEligible whenNobodyEligible();

        /** The pool's own fallback queue; defaults to {@code routing.fallback-queue}. */
        Optional<String> fallbackQueue();
    }

    enum WhenNobodyEligible { QUEUE, HOLD }
}
