package io.leadrouter.webhook;

import io.leadrouter.config.LifecycleConfig;
import io.leadrouter.lifecycle.EventSource;
import io.leadrouter.lifecycle.LeadEvent;
import io.leadrouter.lifecycle.LeadEventService;
import io.leadrouter.lifecycle.LeadEventType;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Salesforce outbound messages on Lead update, at the same endpoint and with the same org and basic-auth checks as
 * new leads: a notification for a lead this service has already routed (and not a retry of the notification that
 * routed it) is an update. Its {@code Status}, {@code OwnerId} and {@code IsConverted}/{@code ConvertedDate} become
 * lifecycle events, each idempotent by the notification id, dated {@code LastModifiedDate}. A notification for a
 * lead never routed is routed as before.
 */
@ApplicationScoped
public class SalesforceLeadUpdates {

    static final Map<String, String> STATUS = Map.of("closed - not converted", "DISQUALIFIED",
            "unqualified", "DISQUALIFIED", "qualified", "QUALIFIED");

    private final LeadEventService events;
    private final WebhookService webhooks;
    private final LifecycleConfig config;
    private final Map<String, LeadEventType> status;

    SalesforceLeadUpdates(LeadEventService events, WebhookService webhooks, LifecycleConfig config) {
        this.events = events;
        this.webhooks = webhooks;
        this.config = config;
        Map<String, String> all = new HashMap<>(STATUS);
        config.salesforceStatus().forEach((value, type) -> all.put(value.toLowerCase(Locale.ROOT), type));
        Map<String, LeadEventType> parsed = new HashMap<>();
        all.forEach((value, type) -> {
            LeadEventType t = LeadEventType.parse(type);
            if (t == null) {
                throw new IllegalArgumentException("Salesforce status mapping " + value + "=" + type
                        + ": the type must be one of " + LeadEventType.allowed());
            }
            parsed.put(value.toLowerCase(Locale.ROOT), t);
        });
        this.status = Map.copyOf(parsed);
    }

    /**
     * Records the notification's lifecycle events when it updates a lead routed before; answers false (route it)
     * otherwise.
     */
    boolean handled(String organizationId, OutboundMessageParser.Notification notification) {
        String deliveryId = organizationId + ":" + notification.id();
        String leadId = notification.fields().get("Id");
        if (leadId == null || webhooks.findRouted(WebhookSource.SALESFORCE, deliveryId).isPresent()
                || !events.routed(leadId)) {
            return false;
        }
        for (LeadEvent event : toEvents(deliveryId, notification.fields())) {
            events.record(EventSource.SALESFORCE, leadId, event);
        }
        return true;
    }

    List<LeadEvent> toEvents(String deliveryId, Map<String, String> fields) {
        Instant modified = instant(fields.get("LastModifiedDate"));
        Instant at = modified == null ? Instant.now() : modified;
        String actor = fields.get("LastModifiedById");
        List<LeadEvent> events = new ArrayList<>();
        String leadStatus = fields.get("Status");
        if (leadStatus != null && !leadStatus.isBlank()) {
            LeadEventType type = status.getOrDefault(leadStatus.trim().toLowerCase(Locale.ROOT),
                    LeadEventType.STATUS_CHANGED);
            events.add(new LeadEvent(deliveryId + ":status", type, at, null, leadStatus.trim(), null, actor));
        }
        String owner = fields.get("OwnerId");
        if (owner != null && !owner.isBlank()) {
            events.add(new LeadEvent(deliveryId + ":owner", LeadEventType.OWNER_CHANGED, at, null, null, owner.trim(),
                    actor));
        }
        if ("true".equalsIgnoreCase(fields.get("IsConverted"))) {
            Instant converted = at;
            if (modified == null && fields.get("ConvertedDate") != null) {
                try {
                    converted = LocalDate.parse(fields.get("ConvertedDate").trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException ignored) {
                    // Dated by the message instead.
                }
            }
            BigDecimal amount = config.salesforceAmountField().map(fields::get).filter(a -> !a.isBlank())
                    .map(SalesforceLeadUpdates::amount).orElse(null);
            events.add(new LeadEvent(deliveryId + ":converted", LeadEventType.CONVERTED, converted, amount, null, null,
                    actor));
        }
        return events;
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal amount(String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
