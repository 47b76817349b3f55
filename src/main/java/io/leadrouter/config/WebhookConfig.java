package io.leadrouter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CRM webhooks: how deliveries are authenticated, how CRM fields become lead fields, and how the chosen owner is
 * written back. Secrets (signing secrets, tokens, passwords) are read here and nowhere logged.
 */
@ConfigMapping(prefix = "routing.webhooks")
public interface WebhookConfig {

    /** Largest webhook body accepted; a bigger one is answered 413 before anything is parsed or stored. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** How far a signed timestamp may be from our clock (either way) before the delivery is refused as stale. */
    @WithDefault("PT5M")
    Duration maxClockSkew();

    /**
     * The public base URL CRMs call us on, e.g. {@code https://leads.example.com}, without a trailing slash. HubSpot
     * signs the full URL it called, so behind a proxy or load balancer this must be set; without it the URL of the
     * request as we received it is used.
     */
    Optional<String> publicBaseUrl();

    Generic generic();

    HubSpot hubspot();

    Salesforce salesforce();

    Pushback pushback();

    /** {@code POST /webhooks/generic}: any sender that can sign a JSON body with a shared secret. */
    interface Generic {

        /**
         * Shared secret for {@code X-Signature: sha256=hex(HMAC-SHA256(secret, X-Timestamp + "." + body))}. Without
         * it every generic delivery is refused.
         */
        Optional<String> secret();

        /**
         * Sender field name to lead field name ({@code first_name=firstName}). Sender fields named like a lead field
         * need no entry; every other field goes to the lead's {@code attributes}.
         */
        Map<String, String> fieldMap();

        /**
         * URL the decision is POSTed to (JSON, signed like the deliveries), or absent to write nothing back. Queue
         * decisions are posted too, with a null owner.
         */
        Optional<String> callbackUrl();
    }

    /** {@code POST /webhooks/hubspot}: a HubSpot app's webhook subscriptions and workflow "Send a webhook" actions. */
    interface HubSpot {

        /** The app's client secret, the key of {@code X-HubSpot-Signature-v3}. Without it every delivery is refused. */
        Optional<String> appSecret();

        /** Base URL of the HubSpot API, for contact look-ups and owner push-back. */
        @WithDefault("https://api.hubapi.com")
        String apiBaseUrl();

        /**
         * Private app access token (scopes {@code crm.objects.contacts.read} and {@code .write}), sent as a bearer
         * token. Without it subscription events cannot be looked up and owners are not written back.
         */
        Optional<String> accessToken();

        /**
         * HubSpot property to lead field, merged over the built-in mapping (email, firstname, lastname, company,
         * country, state, zip, industry, numberofemployees, annualrevenue, hs_analytics_source, hubspot_owner_id).
         * Properties mapped nowhere go to the lead's {@code attributes}.
         */
        Map<String, String> propertyMap();

        /** Further contact properties to fetch for subscription events; they arrive in {@code attributes}. */
        Optional<List<String>> extraProperties();

        /** Rep id to HubSpot owner id ({@code hubspot_owner_id}); a rep without an entry is written back by its id. */
        Map<String, String> ownerIds();
    }

    /** {@code POST /webhooks/salesforce}: outbound messages on the Lead object. */
    interface Salesforce {

        /**
         * The 18-character (or 15-character) ids of the orgs allowed to deliver. A message from any other org is
         * refused. Without any, every message is refused.
         */
        Optional<List<String>> organizationIds();

        /**
         * If set, deliveries must carry basic auth with this user name and {@link #basicAuthPassword()}; put them in
         * the outbound message's endpoint URL ({@code https://user:password@host/webhooks/salesforce}).
         */
        Optional<String> basicAuthUsername();

        Optional<String> basicAuthPassword();

        /**
         * Secret the outbound message's endpoint URL carries as {@code ?token=…}
         * ({@code https://host/webhooks/salesforce?token=…}), compared in constant time before the body is parsed.
         * The org id alone is no secret: a production start refuses a Salesforce configuration (organization ids set)
         * without this token or a basic auth password (neither empty nor starting with {@code dev-}).
         */
        Optional<String> endpointToken();

        /** Salesforce field (API name, without {@code sf:}) to lead field, merged over the built-in mapping. */
        Map<String, String> fieldMap();

        /** Instance URL for push-back, e.g. {@code https://example.my.salesforce.com}; absent: no push-back. */
        Optional<String> instanceUrl();

        /** REST API version of the push-back call. */
        @WithDefault("v60.0")
        String apiVersion();

        /** Bearer token for the push-back call; absent: no push-back. */
        Optional<String> accessToken();

        /** Rep id to Salesforce user id ({@code OwnerId}); a rep without an entry is written back by its id. */
        Map<String, String> ownerIds();
    }

    /** The push-back outbox: retries with exponential backoff, driven by the scheduler. */
    interface Pushback {

        /** How often the outbox is polled for due push-backs (a Quarkus scheduler interval, e.g. {@code 5s}). */
        @WithDefault("5s")
        String pollEvery();

        /** Attempts before a push-back is given up as failed. */
        @WithDefault("8")
        int maxAttempts();

        /** Wait after the first failure; doubled after each further failure. */
        @WithDefault("PT10S")
        Duration initialBackoff();

        /** Upper bound of the wait between attempts. */
        @WithDefault("PT1H")
        Duration maxBackoff();

        /** Connect and read timeout of a push-back call. */
        @WithDefault("PT10S")
        Duration timeout();

        /** How long a claimed push-back is reserved for the instance sending it (multi-instance safety). */
        @WithDefault("PT1M")
        Duration lease();

        /**
         * On a clean stop, how long a push-back being sent may take to finish before its claim is given back, so
         * another instance sends it at once instead of after the lease.
         */
        @WithDefault("PT5S")
        Duration stopWait();
    }
}
