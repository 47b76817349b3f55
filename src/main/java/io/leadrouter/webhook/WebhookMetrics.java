package io.leadrouter.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook metrics at {@code /q/metrics}: deliveries by CRM and outcome, push-back attempts by outcome, and the
 * outbox backlog. Refused deliveries (bad signature, malformed, too large) show in {@code http_server_requests} by
 * status and URI.
 */
@ApplicationScoped
public class WebhookMetrics {

    private final MeterRegistry registry;
    /** Pending push-backs, refreshed by each outbox poll so a scrape never queries the database. */
    private final AtomicLong backlog = new AtomicLong();

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("leadrouter.pushback.backlog", backlog, AtomicLong::get)
                .description("Push-backs waiting to be delivered to a CRM (as of the last outbox poll)")
                .register(registry);
    }

    void delivery(WebhookSource source, boolean duplicate) {
        Counter.builder("leadrouter.webhook.deliveries")
                .description("Accepted webhook deliveries: routed the first time, answered from the inbox on a retry")
                .tag("source", source.key())
                .tag("outcome", duplicate ? "duplicate" : "routed")
                .register(registry)
                .increment();
    }

    /** A delivery id received again with a different body (answered 409, nothing routed). */
    void conflict(WebhookSource source) {
        Counter.builder("leadrouter.webhook.delivery.conflicts")
                .description("Deliveries refused because their id was received before with a different body")
                .tag("source", source.key())
                .register(registry)
                .increment();
    }

    void pushbackAttempt(String outcome) {
        Counter.builder("leadrouter.pushback.attempts")
                .description("Push-back attempts: delivered, retry (will try again), failed (gave up)")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void backlog(long pending) {
        backlog.set(pending);
    }
}
