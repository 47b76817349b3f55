package io.leadrouter.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The outbox: writing one decision's owner back to the CRM. */
@Entity
@Table(name = "pushback")
public class PushbackEntity extends PanacheEntityBase {

    /** Waiting for its (next) attempt. */
    public static final String PENDING = "PENDING";
    /** The CRM accepted the new owner. */
    public static final String DELIVERED = "DELIVERED";
    /** Given up: a permanent error, or every attempt failed. */
    public static final String FAILED = "FAILED";
    /** Nothing to write back (a queue decision, or no push-back configured for the CRM); {@code lastError} says why. */
    public static final String SKIPPED = "SKIPPED";

    @Id
    public UUID id;
    /** The inbox row ({@link WebhookDeliveryEntity#id}) the decision answered. */
    @Column(name = "delivery_id")
    public UUID deliveryId;
    @Column(name = "decision_id")
    public UUID decisionId;
    /** {@link WebhookSource#key()} of the CRM written to. */
    public String target;
    /** The CRM's id of the record to update (HubSpot contact id, Salesforce lead id, generic lead id). */
    @Column(name = "crm_record_id")
    public String crmRecordId;
    /** The owner id written, after the rep-to-owner mapping; null for a generic queue decision. */
    @Column(name = "owner_id")
    public String ownerId;
    public String status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    /** Optimistic lock: two instances claiming the same push-back cannot both win. */
    @Version
    public int version;

    public static List<PushbackEntity> due(Instant now, int limit) {
        return find("status = ?1 and nextAttemptAt <= ?2 order by nextAttemptAt", PENDING, now).page(0, limit).list();
    }

    public static Optional<PushbackEntity> findByDecisionId(UUID decisionId) {
        return find("decisionId", decisionId).firstResultOptional();
    }
}
