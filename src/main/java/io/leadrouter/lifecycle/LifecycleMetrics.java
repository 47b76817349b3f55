package io.leadrouter.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Lifecycle metrics at {@code /q/metrics}; tags are bounded (sources, types, outcomes), never per lead. */
@ApplicationScoped
public class LifecycleMetrics {

    private final MeterRegistry registry;

    LifecycleMetrics(MeterRegistry registry) {
        this.registry = registry;
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
