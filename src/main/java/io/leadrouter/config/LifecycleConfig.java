package io.leadrouter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Lead lifecycle events (what happened after assignment) and the performance figures derived from them. */
@ConfigMapping(prefix = "routing.lifecycle")
public interface LifecycleConfig {

    /** An event's {@code occurredAt} may be at most this far ahead of our clock (the sender's clock may be fast). */
    @WithDefault("PT5M")
    Duration maxClockSkew();

    /**
     * CRM lead statuses that mean "not worked yet" (case-insensitive): a {@code STATUS_CHANGED} to any other status
     * is a first touch.
     */
    @WithDefault("New,Open,Open - Not Contacted")
    Set<String> untouchedStatuses();

    /**
     * HubSpot {@code hs_lead_status} values that are not a plain status change (case-insensitive), mapped to an event
     * type: {@code routing.lifecycle.hubspot-lead-status.UNQUALIFIED=DISQUALIFIED}. Merged over the defaults
     * {@code UNQUALIFIED=DISQUALIFIED}, {@code OPEN_DEAL=QUALIFIED}.
     */
    Map<String, String> hubspotLeadStatus();

    /**
     * HubSpot {@code lifecyclestage} values that are lifecycle events; other stages are acknowledged and ignored.
     * Merged over the defaults {@code salesqualifiedlead=QUALIFIED}, {@code opportunity=QUALIFIED},
     * {@code customer=CONVERTED}.
     */
    Map<String, String> hubspotLifecycleStage();

    /**
     * Salesforce Lead statuses that are not a plain status change, mapped to an event type. Merged over the defaults
     * {@code Closed - Not Converted=DISQUALIFIED}, {@code Qualified=QUALIFIED}, {@code Unqualified=DISQUALIFIED}.
     */
    Map<String, String> salesforceStatus();

    /** A Salesforce Lead field carrying the won amount of a converted lead ({@code Converted_Amount__c}), if any. */
    Optional<String> salesforceAmountField();

    /** How stale the performance figures rules see may get: they are recomputed in the background this often. */
    @WithDefault("10s")
    Duration refreshEvery();
}
