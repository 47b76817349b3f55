package io.leadrouter.webhook;

import io.leadrouter.decision.Decision;

import java.util.UUID;

/**
 * The answer to one routed delivery.
 *
 * @param receiptId  our id of the stored delivery, for {@code GET /api/webhooks/deliveries/{receiptId}}
 * @param source     the CRM
 * @param deliveryId the sender's id of the delivery
 * @param duplicate  true when the delivery had been routed before and this is the stored decision
 * @param decision   the decision, the same on every retry
 */
public record WebhookReceipt(UUID receiptId, String source, String deliveryId, boolean duplicate, Decision decision) {
}
