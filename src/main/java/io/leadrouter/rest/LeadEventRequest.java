package io.leadrouter.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.leadrouter.lifecycle.LeadEvent;
import io.leadrouter.lifecycle.LeadEventType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A lifecycle event as a CRM sends it. Checked field by field in {@code LeadEventService#problems} (the same checks
 * as the CRM webhooks' events); unknown fields are refused.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(name = "LeadEvent", description = "What happened to a routed lead. Idempotent by eventId.")
public record LeadEventRequest(
        @Schema(description = "The sender's id of the event, the same on every retry (at most 200 characters)",
                examples = "evt-1001-touch", required = true) String eventId,
        @Schema(description = "FIRST_TOUCH, STATUS_CHANGED, QUALIFIED, DISQUALIFIED, CONVERTED or OWNER_CHANGED",
                required = true) LeadEventType type,
        @Schema(description = "When it happened (ISO-8601); at most routing.lifecycle.max-clock-skew in the future",
                required = true) Instant occurredAt,
        @Schema(description = "Won amount, CONVERTED only") BigDecimal amount,
        @Schema(description = "The new CRM status, STATUS_CHANGED (required) or any other type") String status,
        @Schema(description = "The new CRM owner (rep id or mapped CRM owner id), OWNER_CHANGED (required)") String ownerId,
        @Schema(description = "Who did it, for the history", examples = "user:4711") String actor) {

    public LeadEvent toEvent() {
        return new LeadEvent(eventId == null ? null : eventId.trim(), type, occurredAt, amount,
                status == null ? null : status.trim(), ownerId == null ? null : ownerId.trim(), actor);
    }
}
