package io.leadrouter.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * What became of a lifecycle event.
 *
 * @param duplicate  true when the event id was received before: nothing changed, this is the stored answer
 * @param decisionId the assignment the event was attributed to (the lead's decision current when it occurred)
 * @param repId      that assignment's rep
 * @param effect     what it did ({@code "first touch 6 min after assignment; stopped the SLA clock 9 min before due"})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventReceipt(String source, String eventId, String leadId, LeadEventType type, Instant occurredAt,
                           BigDecimal amount, String status, String ownerId, boolean duplicate, UUID decisionId,
                           String repId, String effect) {

    static EventReceipt of(LeadEventEntity e, boolean duplicate) {
        return new EventReceipt(e.source, e.eventId, e.leadId, LeadEventType.valueOf(e.type), e.occurredAt, e.amount,
                e.status, e.ownerId, duplicate, e.decisionId, e.repId, e.effect);
    }
}
