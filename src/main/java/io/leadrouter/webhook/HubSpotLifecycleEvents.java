package io.leadrouter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadrouter.config.LifecycleConfig;
import io.leadrouter.lifecycle.EventReceipt;
import io.leadrouter.lifecycle.EventSource;
import io.leadrouter.lifecycle.LeadEvent;
import io.leadrouter.lifecycle.LeadEventService;
import io.leadrouter.lifecycle.LeadEventType;
import io.leadrouter.problem.Problem;
import io.leadrouter.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HubSpot {@code contact.propertyChange} subscription events on {@code hs_lead_status}, {@code hubspot_owner_id}
 * and {@code lifecyclestage}, as lifecycle events of the contact (lead id = the contact id, as routed). Arrive with
 * the other subscription events at {@code /webhooks/hubspot}, signed the same way. Events for a contact this
 * service never routed are acknowledged and listed, not stored: HubSpot sends changes of every contact, and a
 * refusal would only make it retry.
 */
@ApplicationScoped
public class HubSpotLifecycleEvents {

    static final String PROPERTY_CHANGE = "contact.propertyChange";
    static final Map<String, String> LEAD_STATUS = Map.of("UNQUALIFIED", "DISQUALIFIED", "OPEN_DEAL", "QUALIFIED");
    static final Map<String, String> LIFECYCLE_STAGE = Map.of("salesqualifiedlead", "QUALIFIED",
            "opportunity", "QUALIFIED", "customer", "CONVERTED");

    private final LeadEventService events;
    private final Map<String, LeadEventType> leadStatus;
    private final Map<String, LeadEventType> lifecycleStage;

    HubSpotLifecycleEvents(LeadEventService events, LifecycleConfig config) {
        this.events = events;
        this.leadStatus = merged(LEAD_STATUS, config.hubspotLeadStatus(), true);
        this.lifecycleStage = merged(LIFECYCLE_STAGE, config.hubspotLifecycleStage(), false);
    }

    private static Map<String, LeadEventType> merged(Map<String, String> defaults, Map<String, String> configured,
                                                     boolean upper) {
        Map<String, LeadEventType> merged = new HashMap<>();
        Map<String, String> all = new HashMap<>(defaults);
        all.putAll(configured);
        all.forEach((value, type) -> {
            LeadEventType parsed = LeadEventType.parse(type);
            if (parsed == null) {
                throw new IllegalArgumentException("HubSpot mapping " + value + "=" + type + ": the type must be one of "
                        + LeadEventType.allowed());
            }
            merged.put(upper ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT), parsed);
        });
        return Map.copyOf(merged);
    }

    /** The lifecycle event a subscription event is, or null when it is none we act on. */
    LeadEvent toEvent(JsonNode event) {
        if (!PROPERTY_CHANGE.equals(event.path("subscriptionType").asText())) {
            return null;
        }
        String property = event.path("propertyName").asText("");
        JsonNode valueNode = event.path("propertyValue");
        String value = valueNode.isValueNode() && !valueNode.isNull() ? valueNode.asText().trim() : "";
        Instant occurredAt = event.path("occurredAt").canConvertToLong()
                ? Instant.ofEpochMilli(event.path("occurredAt").asLong()) : Instant.now();
        String actor = (event.path("changeSource").asText("") + " " + event.path("sourceId").asText("")).trim();
        String eventId = event.path("eventId").asText();
        return switch (property) {
            case "hs_lead_status" -> value.isEmpty() ? null : new LeadEvent(eventId,
                    leadStatus.getOrDefault(value.toUpperCase(Locale.ROOT), LeadEventType.STATUS_CHANGED),
                    occurredAt, null, value, null, actor.isEmpty() ? null : actor);
            case "lifecyclestage" -> {
                LeadEventType type = lifecycleStage.get(value.toLowerCase(Locale.ROOT));
                yield type == null ? null : new LeadEvent(eventId, type, occurredAt, null,
                        "lifecyclestage=" + value, null, actor.isEmpty() ? null : actor);
            }
            // An owner removed (empty value) is not someone taking the lead: nothing to do.
            case "hubspot_owner_id" -> value.isEmpty() ? null : new LeadEvent(eventId, LeadEventType.OWNER_CHANGED,
                    occurredAt, null, null, value, actor.isEmpty() ? null : actor);
            default -> null;
        };
    }

    /** Checks every lifecycle event of the batch before any of the batch is stored. */
    void check(JsonNode events) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < events.size(); i++) {
            LeadEvent event = events.get(i).isObject() ? toEvent(events.get(i)) : null;
            if (event != null) {
                for (Problem.FieldError e : this.events.problems(event, now)) {
                    errors.add(new Problem.FieldError("[" + i + "]." + e.field(), e.message()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
    }

    /** Records the event; a contact never routed here is answered as ignored, nothing stored. */
    EventReceipt receive(JsonNode event) {
        LeadEvent lifecycle = toEvent(event);
        String contactId = event.get("objectId").asText();
        try {
            return events.record(EventSource.HUBSPOT, contactId, lifecycle);
        } catch (ProblemException e) {
            if (e.problem().status() != 404) {
                throw e;
            }
            return new EventReceipt(EventSource.HUBSPOT.key(), lifecycle.eventId(), contactId, lifecycle.type(),
                    lifecycle.occurredAt(), null, lifecycle.status(), lifecycle.ownerId(), false, null, null,
                    "ignored: contact " + contactId + " was never routed here; nothing stored");
        }
    }
}
