package io.leadrouter.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;

/**
 * The inbox and outbox tables as the webhook flow writes them. Every write joins the caller's transaction, the one
 * that also stores the decision.
 */
@ApplicationScoped
public class WebhookInbox {

    /** The stored delivery, if this source sent this delivery id before (and its transaction committed). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<WebhookDeliveryEntity> find(WebhookSource source, String deliveryId) {
        return WebhookDeliveryEntity.findBySourceAndDeliveryId(source.key(), deliveryId);
    }

    /**
     * Inserts the delivery at once (flushes), so a concurrent delivery with the same id fails on the unique key, or
     * waits for this transaction, before either routes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void claim(WebhookDeliveryEntity delivery) {
        delivery.persistAndFlush();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordPushback(PushbackEntity pushback) {
        pushback.persist();
    }
}
