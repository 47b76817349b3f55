package io.leadrouter.lifecycle;

import java.util.Locale;

/** Where a lifecycle event came from. Event ids are unique per source. */
public enum EventSource {
    /** {@code POST /api/leads/{id}/events}. */
    API,
    /** HubSpot {@code contact.propertyChange} subscriptions. */
    HUBSPOT,
    /** Salesforce outbound messages on Lead update. */
    SALESFORCE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
