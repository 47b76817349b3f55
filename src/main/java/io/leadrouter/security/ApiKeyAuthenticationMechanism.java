package io.leadrouter.security;

import io.leadrouter.config.SecurityConfig;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * Authenticates CRMs by the {@code X-API-Key} header. A request without the header is left to basic auth.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String HEADER = "X-API-Key";
    private static final String CREDENTIAL_TYPE = "api-key";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = context.request().getHeader(HEADER);
        if (key == null || key.isBlank()) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        return identityProviderManager.authenticate(
                new TokenAuthenticationRequest(new TokenCredential(key.trim(), CREDENTIAL_TYPE)));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    /** Checks the key against the configured ones, in constant time. */
    @ApplicationScoped
    public static class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

        private final SecurityConfig config;

        public ApiKeyIdentityProvider(SecurityConfig config) {
            this.config = config;
        }

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
            if (!CREDENTIAL_TYPE.equals(request.getToken().getType())) {
                return Uni.createFrom().optional(java.util.Optional.empty());
            }
            byte[] presented = request.getToken().getToken().getBytes(StandardCharsets.UTF_8);
            for (Map.Entry<String, String> client : config.apiKeys().entrySet()) {
                if (MessageDigest.isEqual(presented, client.getValue().getBytes(StandardCharsets.UTF_8))) {
                    return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal("api-key:" + client.getKey()))
                            .addRole(Roles.CRM)
                            .build());
                }
            }
            return Uni.createFrom().failure(new io.quarkus.security.AuthenticationFailedException("unknown API key"));
        }
    }
}
