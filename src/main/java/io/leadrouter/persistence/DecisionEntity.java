package io.leadrouter.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One routing decision in the log. The scalar columns are what ops search by; the rest is kept as JSON documents
 * exactly as the API returned them, so the log explains a decision with the rules of its time.
 */
@Entity
@Table(name = "decision")
public class DecisionEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "assignee_id")
    public String assigneeId;
    public String queue;
    public int score;
    public String priority;
    @Column(name = "rules_version")
    public String rulesVersion;
    @Column(name = "decided_at")
    public Instant decidedAt;
    /** JSON: the assignee's id, name, email and team at decision time. */
    public String assignee;
    /** JSON: the lead as received. */
    @Column(name = "lead_snapshot")
    public String leadSnapshot;
    /** JSON: the rules that fired, where they are written, and what they did. */
    @Column(name = "matched_rules")
    public String matchedRules;
    /** JSON: the pool, candidates, exclusions and strategy behind the pick. */
    public String explanation;
    /** JSON: why the lead was held and when to route it again; null unless the pool's policy held it. */
    public String hold;
    /** The pool the lead was distributed in ({@code team:emea}), or null. */
    public String pool;
    /**
     * The lead's email, lower-case, on decisions that assigned a rep (null otherwise): sticky ownership finds the
     * latest owner of the same person by it.
     */
    @Column(name = "assigned_email")
    public String assignedEmail;
    /** The lead's company email domain, lower-case, on decisions that assigned a rep: sticky ownership by company. */
    @Column(name = "assigned_email_domain")
    public String assignedEmailDomain;
    /** The lead's segment: conditional caps count by it. */
    @Column(name = "lead_segment")
    public String leadSegment;
    /** JSON: the assignment's SLA and due time, or null. */
    public String sla;
    /** JSON: on a re-route, the decision it replaced and why; null otherwise. */
    public String reassignment;
}
