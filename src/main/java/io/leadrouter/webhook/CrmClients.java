package io.leadrouter.webhook;

import io.leadrouter.config.WebhookConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * REST clients for the CRMs, built once from {@link WebhookConfig} (the base URLs are configuration, not fixed
 * {@code quarkus.rest-client} keys, so one mapping holds everything about a CRM).
 */
@ApplicationScoped
public class CrmClients {

    private final WebhookConfig config;
    private final List<Object> built = new ArrayList<>();
    private HubSpotApi hubSpot;
    private SalesforceApi salesforce;
    private GenericCallbackApi genericCallback;

    public CrmClients(WebhookConfig config) {
        this.config = config;
    }

    public synchronized HubSpotApi hubSpot() {
        if (hubSpot == null) {
            hubSpot = build(config.hubspot().apiBaseUrl(), HubSpotApi.class);
        }
        return hubSpot;
    }

    /** Only called when {@code routing.webhooks.salesforce.instance-url} is set. */
    public synchronized SalesforceApi salesforce() {
        if (salesforce == null) {
            salesforce = build(config.salesforce().instanceUrl().orElseThrow(), SalesforceApi.class);
        }
        return salesforce;
    }

    /** Only called when {@code routing.webhooks.generic.callback-url} is set. */
    public synchronized GenericCallbackApi genericCallback() {
        if (genericCallback == null) {
            genericCallback = build(config.generic().callbackUrl().orElseThrow(), GenericCallbackApi.class);
        }
        return genericCallback;
    }

    private <T> T build(String baseUrl, Class<T> api) {
        long timeout = config.pushback().timeout().toMillis();
        T client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .build(api);
        built.add(client);
        return client;
    }

    @PreDestroy
    synchronized void close() {
        for (Object client : built) {
            if (client instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException ignored) {
                    // Shutting down.
                }
            }
        }
    }
}
