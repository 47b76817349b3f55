package io.leadrouter.webhook;

import io.leadrouter.domain.Lead;
import io.leadrouter.lifecycle.LeadReassigned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a re-routed lead's new owner back to the CRM it came from, through the same outbox as the first
 * assignment: a push-back row planned exactly as for a delivery, in the re-route's transaction, sent by
 * {@link PushbackDispatcher}. A lead that came through {@code /api/route} has no CRM delivery and nothing is written.
 */
@ApplicationScoped
public class ReassignmentPushback {

    private static final Logger LOG = Logger.getLogger(ReassignmentPushback.class);

    private final WebhookService webhooks;

    ReassignmentPushback(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    void enqueue(@Observes LeadReassigned reassigned) {
        Optional<PushbackEntity> earlier = PushbackEntity.findByDecisionId(reassigned.previousDecisionId());
        if (earlier.isEmpty()) {
            LOG.debugf("Decision %s came from no CRM delivery: no push-back for its re-route",
                    reassigned.previousDecisionId());
            return;
        }
        PushbackEntity was = earlier.get();
        WebhookSource source = WebhookSource.valueOf(was.target.toUpperCase(Locale.ROOT));
        Lead record = new Lead();
        record.setId(was.crmRecordId);
        PushbackEntity next = webhooks.plannedPushback(new InboundDelivery(source, null, null, null), was.deliveryId,
                record, reassigned.decision(), Instant.now());
        next.persist();
    }
}
