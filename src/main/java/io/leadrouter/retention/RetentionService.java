package io.leadrouter.retention;

import io.leadrouter.config.RetentionConfig;
import io.leadrouter.engine.RuleEngine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Deletes what is older than the configured retention: decisions with what belongs to them, lead events, raw webhook
 * bodies (blanked), and old rule versions. Runs once per period across a cluster: the instance that claims the
 * {@code scheduled_job} row runs it, the others skip. Each batch is its own transaction, so routing never waits long.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);
    private static final String JOB = "retention";
    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    private final RetentionConfig config;
    private final EntityManager em;
    private final RuleEngine engine;

    RetentionService(RetentionConfig config, EntityManager em, RuleEngine engine) {
        this.config = config;
        this.em = em;
        this.engine = engine;
    }

    /** What the job removed in one run. */
    public record Result(boolean ran, long decisions, long leadEvents, long webhookBodies, long ruleVersions) {

        static final Result SKIPPED = new Result(false, 0, 0, 0, 0);

        @Override
        public String toString() {
            return ran ? decisions + " decisions, " + leadEvents + " lead events, " + webhookBodies
                    + " webhook bodies, files of " + ruleVersions + " rule versions" : "skipped: claimed by another instance";
        }
    }

    /** The limits one run applies. */
    public record Policy(Duration decisions, Duration webhookBodies, int ruleVersionsKept, int batchSize, int maxPerRun) {
    }

    @Scheduled(identity = "retention", every = "${routing.retention.run-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.enabled()) {
            return;
        }
        try {
            Result result = run(Instant.now(), INSTANCE, policy());
            if (result.ran()) {
                LOG.infof("Retention: removed %s", result);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Retention did not complete, retried next period: %s", e.getMessage());
        }
    }

    public Policy policy() {
        return new Policy(config.decisions(), config.webhookBodies(), config.ruleVersionsKept(), config.batchSize(),
                config.maxPerRun());
    }

    /**
     * Runs the job if {@code instance} can claim this period, else does nothing.
     *
     * @return what was removed, or {@link Result#SKIPPED} when another instance holds this period's claim
     */
    public Result run(Instant now, String instance, Policy policy) {
        if (!claim(now, instance)) {
            return Result.SKIPPED;
        }
        Instant decisionCutoff = now.minus(policy.decisions());
        long decisions = deleteDecisions(decisionCutoff, policy);
        long events = deleteInBatches("select id from lead_event where occurred_at < ?1", decisionCutoff, policy,
                ids -> deleteWhereIdIn("lead_event", "id", ids));
        long bodies = deleteInBatches("select id from webhook_delivery where received_at < ?1 and raw_body <> ''",
                now.minus(policy.webhookBodies()), policy,
                ids -> em.createNativeQuery("update webhook_delivery set raw_body = '' where id in (?1)")
                        .setParameter(1, ids).executeUpdate());
        long versions = deleteOldRuleVersions(policy.ruleVersionsKept(), now);
        Result result = new Result(true, decisions, events, bodies, versions);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update scheduled_job set last_run_at = ?1, last_result = ?2 where name = ?3")
                .setParameter(1, Timestamp.from(now)).setParameter(2, result.toString()).setParameter(3, JOB)
                .executeUpdate());
        return result;
    }

    /** One claim per period: a conditional update only one instance can win until the claim expires. */
    private boolean claim(Instant now, String instance) {
        Instant until = now.plus(config.runEvery()).minusSeconds(1);
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "update scheduled_job set claimed_until = ?1, claimed_by = ?2"
                                + " where name = ?3 and (claimed_until is null or claimed_until <= ?4)")
                .setParameter(1, Timestamp.from(until)).setParameter(2, instance).setParameter(3, JOB)
                .setParameter(4, Timestamp.from(now)).executeUpdate()) == 1;
    }

    /** Decisions older than the cutoff, and every row that refers to one of them, batch by batch. */
    private long deleteDecisions(Instant cutoff, Policy policy) {
        return deleteInBatches("select id from decision where decided_at < ?1 order by decided_at", cutoff, policy, ids -> {
            em.createNativeQuery("delete from pushback where decision_id in (?1)"
                    + " or delivery_id in (select id from webhook_delivery where decision_id in (?1))")
                    .setParameter(1, ids).executeUpdate();
            deleteWhereIdIn("webhook_delivery", "decision_id", ids);
            deleteWhereIdIn("sla_timer", "decision_id", ids);
            deleteWhereIdIn("assignment_outcome", "decision_id", ids);
            deleteWhereIdIn("route_batch_row", "decision_id", ids);
            deleteWhereIdIn("lead_event", "decision_id", ids);
            return deleteWhereIdIn("decision", "id", ids);
        });
    }

    private int deleteWhereIdIn(String table, String column, List<?> ids) {
        return em.createNativeQuery("delete from " + table + " where " + column + " in (?1)").setParameter(1, ids)
                .executeUpdate();
    }

    private interface Batch {
        int apply(List<?> ids);
    }

    private long deleteInBatches(String selectIds, Instant cutoff, Policy policy, Batch batch) {
        long done = 0;
        while (done < policy.maxPerRun()) {
            int limit = (int) Math.min(policy.batchSize(), policy.maxPerRun() - done);
            int applied = QuarkusTransaction.requiringNew().call(() -> {
                List<?> ids = em.createNativeQuery(selectIds).setParameter(1, Timestamp.from(cutoff))
                        .setMaxResults(limit).getResultList();
                if (ids.isEmpty()) {
                    return 0;
                }
                batch.apply(ids);
                return ids.size();
            });
            done += applied;
            if (applied < limit) {
                break;
            }
        }
        return done;
    }

    /**
     * Removes the file contents of all but the newest {@code kept} versions and the one this instance serves. Their
     * rows and content hashes stay: an instance started from an old image still recognises its files as known.
     */
    private long deleteOldRuleVersions(int kept, Instant now) {
        long serving = engine.active().version().sequence();
        return QuarkusTransaction.requiringNew().call(() -> {
            Number newest = (Number) em.createNativeQuery("select coalesce(max(sequence), 0) from rule_version")
                    .getSingleResult();
            long keepFrom = newest.longValue() - Math.max(1, kept) + 1;
            em.createNativeQuery("delete from rule_version_file where version_sequence < ?1 and version_sequence <> ?2")
                    .setParameter(1, keepFrom).setParameter(2, serving).executeUpdate();
            return (long) em.createNativeQuery("update rule_version set files_removed_at = ?3"
                            + " where sequence < ?1 and sequence <> ?2 and files_removed_at is null")
                    .setParameter(1, keepFrom).setParameter(2, serving).setParameter(3, Timestamp.from(now)).executeUpdate();
        });
    }
}
