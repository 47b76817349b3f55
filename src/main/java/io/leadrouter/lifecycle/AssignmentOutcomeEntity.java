package io.leadrouter.lifecycle;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What became of one assignment, counted for its rep; the first assignment of a chain of re-routes also carries the
 * lead's figures ({@code lead*}), counted for the rule that routed it. See {@link Contribution}.
 */
@Entity
@Table(name = "assignment_outcome")
public class AssignmentOutcomeEntity extends PanacheEntityBase {

    @Id
    @Column(name = "decision_id")
    public UUID decisionId;
    /** The chain's first assignment; equal to {@link #decisionId} on the first. */
    @Column(name = "root_decision_id")
    public UUID rootDecisionId;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "rep_id")
    public String repId;
    /** The rule id whose assignment stood ({@code TERR-010}); a re-route keeps the chain's. */
    @Column(name = "rule_id")
    public String ruleId;
    public String pool;
    @Column(name = "assigned_at")
    public Instant assignedAt;
    /** The UTC day assigned: the cohort the assignment is counted in, whenever its events arrive. */
    @Column(name = "cohort_day")
    public LocalDate cohortDay;
    /** When the rep stopped having the lead (re-routed on a breach, owner changed by a person). */
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "end_reason")
    public String endReason;
    @Column(name = "first_touch_at")
    public Instant firstTouchAt;
    /** Working time from assignment to first touch, in seconds. */
    @Column(name = "first_touch_seconds")
    public Long firstTouchSeconds;
    public boolean breached;
    @Column(name = "qualified_at")
    public Instant qualifiedAt;
    @Column(name = "disqualified_at")
    public Instant disqualifiedAt;
    @Column(name = "converted_at")
    public Instant convertedAt;
    @Column(name = "won_amount")
    public BigDecimal wonAmount;
    /** When the conversion event that carried {@link #wonAmount} occurred: a later one replaces the amount. */
    @Column(name = "won_amount_at")
    public Instant wonAmountAt;

    @Column(name = "lead_first_touch_at")
    public Instant leadFirstTouchAt;
    /** Working time of the first assignee from the lead's first assignment to its first touch, in seconds. */
    @Column(name = "lead_first_touch_seconds")
    public Long leadFirstTouchSeconds;
    @Column(name = "lead_breaches")
    public int leadBreaches;
    @Column(name = "lead_qualified_at")
    public Instant leadQualifiedAt;
    @Column(name = "lead_disqualified_at")
    public Instant leadDisqualifiedAt;
    @Column(name = "lead_converted_at")
    public Instant leadConvertedAt;
    @Column(name = "lead_won_amount")
    public BigDecimal leadWonAmount;
    @Column(name = "lead_won_amount_at")
    public Instant leadWonAmountAt;

    public boolean isRoot() {
        return decisionId.equals(rootDecisionId);
    }

    /** Contribution before a change, for {@link Contribution} deltas. */
    Contribution asAssignment() {
        return Contribution.of(firstTouchSeconds, breached ? 1 : 0, qualifiedAt != null, disqualifiedAt != null,
                convertedAt != null, convertedAt == null ? null : wonAmount);
    }

    Contribution asLead() {
        return Contribution.of(leadFirstTouchSeconds, leadBreaches, leadQualifiedAt != null, leadDisqualifiedAt != null,
                leadConvertedAt != null, leadConvertedAt == null ? null : leadWonAmount);
    }
}
