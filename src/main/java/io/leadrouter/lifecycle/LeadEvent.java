package io.leadrouter.lifecycle;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One lifecycle event, whatever its source.
 *
 * @param eventId    the sender's id, stable across its retries (unique per source)
 * @param type       what happened
 * @param occurredAt when it happened (not when it was sent); events may arrive in any order
 * @param amount     won amount, for {@code CONVERTED}
 * @param status     the new CRM status, for {@code STATUS_CHANGED} (optional for the others)
 * @param ownerId    the new CRM owner (rep id or mapped CRM owner id), for {@code OWNER_CHANGED}
 * @param actor      who did it, as the CRM says ({@code "CRM_UI userId:123"}), for the history
 */
public record LeadEvent(String eventId, LeadEventType type, Instant occurredAt, BigDecimal amount, String status,
                        String ownerId, String actor) {
}
