package io.leadrouter.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The inbox: one routed webhook delivery, stored with its raw body in the transaction of its decision. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDeliveryEntity extends PanacheEntityBase {

    /** The only status a stored delivery has: it is written together with its decision or not at all. */
    public static final String ROUTED = "ROUTED";

    @Id
    public UUID id;
    /** {@link WebhookSource#key()}. */
    public String source;
    /** The sender's id of the delivery (event id, notification id, X-Delivery-Id), unique per source. */
    @Column(name = "delivery_id")
    public String deliveryId;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "content_type")
    public String contentType;
    /** The delivery as received (for Salesforce: the one Notification element of the message). */
    @Column(name = "raw_body")
    public String rawBody;
    public String status;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "decision_id")
    public UUID decisionId;

    public static Optional<WebhookDeliveryEntity> findBySourceAndDeliveryId(String source, String deliveryId) {
        return find("source = ?1 and deliveryId = ?2", source, deliveryId).firstResultOptional();
    }
}
