package io.leadrouter.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Lifecycle metrics at {@code /q/metrics}; tags are bounded (sources, types, outcomes), never per lead. */
@ApplicationScoped
public class LifecycleMetrics {

    private static final Logger LOG = Logger.getLogger(LifecycleMetrics.class);

    private final MeterRegistry registry;
    private final EntityManager em;
    private final AtomicLong running = new AtomicLong();
    private final AtomicLong overdue = new AtomicLong();

    LifecycleMetrics(MeterRegistry registry, EntityManager em) {
        this.registry = registry;
        this.em = em;
        Gauge.builder("leadrouter.sla.timers.running", running, AtomicLong::get)
                .description("SLA clocks counting down (all instances)").register(registry);
        Gauge.builder("leadrouter.sla.timers.overdue", overdue, AtomicLong::get)
                .description("Running SLA clocks already due: more than a few means the checker falls behind")
                .register(registry);
    }

    /** Reads the timer gauges (one indexed aggregate over the running timers). */
    @Scheduled(identity = "sla-timer-gauges", every = "${routing.lifecycle.refresh-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void readTimerGauges() {
        try {
            Object[] counts = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                            "select count(*), coalesce(sum(case when due_at <= ?1 then 1 else 0 end), 0) from sla_timer"
                                    + " where status = ?2")
                    .setParameter(1, Instant.now()).setParameter(2, SlaTimerEntity.RUNNING).getSingleResult());
            running.set(((Number) counts[0]).longValue());
            overdue.set(((Number) counts[1]).longValue());
        } catch (RuntimeException e) {
            LOG.debugf("Cannot read the SLA timer gauges: %s", e.getMessage());
        }
    }

    /** @param outcome {@code recorded}, {@code duplicate}, {@code not_routed} */
    void event(EventSource source, LeadEventType type, String outcome) {
        Counter.builder("leadrouter.lead.events")
                .description("Lifecycle events received, by source, type and outcome")
                .tag("source", source.key()).tag("type", type.name()).tag("outcome", outcome)
                .register(registry).increment();
    }

    /** @param outcome {@code rerouted}, {@code escalated} */
    void breach(String outcome) {
        Counter.builder("leadrouter.sla.breaches")
                .description("SLA breaches handled: re-routed to another rep, or escalated to the escalation queue")
                .tag("outcome", outcome)
                .register(registry).increment();
    }

    /** @param outcome {@code touched}, {@code owner_changed} */
    void stopped(String outcome) {
        Counter.builder("leadrouter.sla.stopped")
                .description("SLA clocks stopped in time, by what stopped them")
                .tag("outcome", outcome)
                .register(registry).increment();
    }
}
