package io.leadrouter.webhook;

/**
 * One delivery to route, as a webhook resource understood it.
 *
 * @param source      the CRM
 * @param deliveryId  the sender's id for the delivery, stable across its retries (unique per source)
 * @param contentType as received, for the inbox
 * @param rawBody     the delivery as received, for the inbox
 */
public record InboundDelivery(WebhookSource source, String deliveryId, String contentType, String rawBody) {
}
