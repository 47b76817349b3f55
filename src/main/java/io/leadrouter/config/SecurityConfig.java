package io.leadrouter.config;

import io.smallrye.config.ConfigMapping;

import java.util.Map;

/** Credentials that are not people: API keys for CRMs. People log in with basic auth (quarkus.security.users). */
@ConfigMapping(prefix = "routing.security")
public interface SecurityConfig {

    /**
     * API keys accepted in the {@code X-API-Key} header, by the name of the client they belong to (the name appears
     * as the caller in logs, never the key). Each grants the {@code crm} role.
     */
    Map<String, String> apiKeys();
}
