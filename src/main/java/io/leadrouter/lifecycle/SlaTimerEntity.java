package io.leadrouter.lifecycle;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The durable SLA clock of one assignment. */
@Entity
@Table(name = "sla_timer")
public class SlaTimerEntity extends PanacheEntityBase {

    /** Counting down; the checker fires it when due. */
    public static final String RUNNING = "RUNNING";
    /** A touch, or an owner change by a person, came in time. */
    public static final String STOPPED = "STOPPED";
    /** Fired: the lead was re-routed or escalated ({@code nextDecisionId}). */
    public static final String BREACHED = "BREACHED";
    /** Firing failed for a reason retrying cannot fix; {@code stopReason} says which. */
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;
    @Column(name = "decision_id")
    public UUID decisionId;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "rep_id")
    public String repId;
    public String pool;
    /** ISO-8601 duration. */
    public String sla;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "breaches_before")
    public int breachesBefore;
    public String status;
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Column(name = "stop_reason")
    public String stopReason;
    @Column(name = "fired_at")
    public Instant firedAt;
    @Column(name = "fired_by")
    public String firedBy;
    @Column(name = "next_decision_id")
    public UUID nextDecisionId;

    public static SlaTimerEntity forDecision(UUID decisionId) {
        return find("decisionId", decisionId).firstResult();
    }
}
