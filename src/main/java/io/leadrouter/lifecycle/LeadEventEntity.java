package io.leadrouter.lifecycle;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One lifecycle event as received, with the assignment it was attributed to and what it did. */
@Entity
@Table(name = "lead_event")
public class LeadEventEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    /** {@link EventSource#key()}. */
    public String source;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "lead_id")
    public String leadId;
    public String type;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "received_at")
    public Instant receivedAt;
    public BigDecimal amount;
    public String status;
    @Column(name = "owner_id")
    public String ownerId;
    public String actor;
    @Column(name = "decision_id")
    public UUID decisionId;
    @Column(name = "rep_id")
    public String repId;
    public String effect;

    public static Optional<LeadEventEntity> find(EventSource source, String eventId) {
        return find("source = ?1 and eventId = ?2", source.key(), eventId).firstResultOptional();
    }

    public static List<LeadEventEntity> ofLead(String leadId) {
        return list("leadId = ?1 order by occurredAt, receivedAt", leadId);
    }
}
