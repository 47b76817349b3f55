package io.leadrouter.security;

import io.leadrouter.config.SecurityConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start a production instance whose passwords or API keys are the documented development ones (they all
 * start with {@code dev-}) or empty.
 */
@ApplicationScoped
public class DefaultCredentialsGuard {

    static final String DEV_PREFIX = "dev-";
    private static final String USERS_PREFIX = "quarkus.security.users.embedded.users.";
    private static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";

    void check(@Observes StartupEvent event, Config config, SecurityConfig security) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> offending = offending(config, security);
        if (!offending.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production with development or empty credentials for: "
                    + String.join(", ", offending) + ". Set LEADROUTER_ADMIN_PASSWORD, LEADROUTER_OPS_PASSWORD, "
                    + "LEADROUTER_CRM_PASSWORD, LEADROUTER_CRM_API_KEY and LEADROUTER_SESSION_KEY (see README, Production).");
        }
    }

    static List<String> offending(Config config, SecurityConfig security) {
        List<String> offending = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(USERS_PREFIX)) {
                String password = config.getOptionalValue(name, String.class).orElse("");
                if (isDevelopmentOrEmpty(password)) {
                    offending.add("user " + name.substring(USERS_PREFIX.length()));
                }
            }
        }
        // The console's session cookies are encrypted with it: a known key would let anyone forge a session.
        String sessionKey = config.getOptionalValue(SESSION_KEY, String.class).orElse("");
        if (isDevelopmentOrEmpty(sessionKey)) {
            offending.add("console session key");
        }
        security.apiKeys().forEach((client, key) -> {
            if (isDevelopmentOrEmpty(key)) {
                offending.add("API key " + client);
            }
        });
        return offending;
    }

    static boolean isDevelopmentOrEmpty(String secret) {
        return secret == null || secret.isBlank() || secret.startsWith(DEV_PREFIX);
    }
}
