package io.leadrouter.lifecycle;

import io.leadrouter.config.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells whether a CRM owner id is a given rep: the rep id itself, or the HubSpot or Salesforce owner id the rep is
 * mapped to ({@code routing.webhooks.*.owner-ids}). An owner change to the assignee is the echo of our own push-back.
 */
@ApplicationScoped
public class CrmOwners {

    private final WebhookConfig config;

    CrmOwners(WebhookConfig config) {
        this.config = config;
    }

    public boolean isRep(String ownerId, String repId) {
        if (ownerId == null || repId == null) {
            return false;
        }
        String owner = ownerId.trim();
        return owner.equals(repId) || owner.equals(config.hubspot().ownerIds().get(repId))
                || owner.equals(config.salesforce().ownerIds().get(repId));
    }
}
