package io.leadrouter.webhook;

import java.util.Locale;

/** Where a webhook delivery came from; also the push-back target. */
public enum WebhookSource {
    GENERIC, HUBSPOT, SALESFORCE;

    /** The lower-case name stored in the database and shown in the API. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
