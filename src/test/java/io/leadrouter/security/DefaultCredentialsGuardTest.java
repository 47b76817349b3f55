package io.leadrouter.security;

import io.leadrouter.config.WebhookConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class DefaultCredentialsGuardTest {

    @Test
    void developmentAndEmptySecretsAreRefused() {
        assertTrue(DefaultCredentialsGuard.isDevelopmentOrEmpty("dev-admin"));
        assertTrue(DefaultCredentialsGuard.isDevelopmentOrEmpty("dev-crm-key"));
        assertTrue(DefaultCredentialsGuard.isDevelopmentOrEmpty(""));
        assertTrue(DefaultCredentialsGuard.isDevelopmentOrEmpty(null));
    }

    @Test
    void realSecretsPass() {
        assertFalse(DefaultCredentialsGuard.isDevelopmentOrEmpty("k8s-Secret-9f3a1c"));
    }

    @Test
    void salesforceAuthenticatedByTheOrgIdAloneIsRefusedInProduction() {
        assertTrue(DefaultCredentialsGuard.salesforceWithoutSecret(salesforce("00D5e000000TEST1AAA", null, null)));
        assertTrue(DefaultCredentialsGuard.salesforceWithoutSecret(salesforce("00D5e000000TEST1AAA", "dev-token", null)));
        assertTrue(DefaultCredentialsGuard.salesforceWithoutSecret(salesforce("00D5e000000TEST1AAA", null, "dev-pw")));
        assertFalse(DefaultCredentialsGuard.salesforceWithoutSecret(salesforce("00D5e000000TEST1AAA", "Zq9-real", null)));
        assertFalse(DefaultCredentialsGuard.salesforceWithoutSecret(salesforce("00D5e000000TEST1AAA", null, "Zq9-real")));
        // Salesforce not configured: nothing to refuse.
        assertFalse(DefaultCredentialsGuard.salesforceWithoutSecret(salesforce(null, null, null)));
    }

    private static WebhookConfig.Salesforce salesforce(String orgId, String token, String password) {
        return new WebhookConfig.Salesforce() {
            public Optional<List<String>> organizationIds() {
                return Optional.ofNullable(orgId).map(List::of);
            }

            public Optional<String> basicAuthUsername() {
                return Optional.ofNullable(password).map(p -> "salesforce");
            }

            public Optional<String> basicAuthPassword() {
                return Optional.ofNullable(password);
            }

            public Optional<String> endpointToken() {
                return Optional.ofNullable(token);
            }

            public Map<String, String> fieldMap() {
                return Map.of();
            }

            public Optional<String> instanceUrl() {
                return Optional.empty();
            }

            public String apiVersion() {
                return "v60.0";
            }

            public Optional<String> accessToken() {
                return Optional.empty();
            }

            public Map<String, String> ownerIds() {
                return Map.of();
            }
        };
    }
}
