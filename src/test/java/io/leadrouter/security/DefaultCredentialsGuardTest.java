package io.leadrouter.security;

import org.junit.jupiter.api.Test;

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
}
